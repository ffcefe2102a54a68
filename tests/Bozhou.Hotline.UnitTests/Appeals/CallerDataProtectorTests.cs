using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.UnitTests.Appeals;

public class CallerDataProtectorTests
{
    private static readonly IDataProtectionProvider Keys = new EphemeralDataProtectionProvider();

    private static CallerDataProtector Protector(string key = "unit-test-phone-hash-key-0123456789abcdef") =>
        new(Keys, Options.Create(new PrivacyOptions { PhoneHashKey = key }));

    [Fact]
    public void The_phone_and_name_are_encrypted_hashed_with_the_key_and_masked()
    {
        var caller = Protector().Protect("陈静", "+8613805581234");

        Assert.DoesNotContain("13805581234", caller.PhoneCipher, StringComparison.Ordinal);
        Assert.DoesNotContain("陈静", caller.NameCipher!, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{64}$", caller.PhoneHash);
        Assert.Equal("138****1234", caller.PhoneMasked);
    }

    [Theory]
    [InlineData("陈\n静", "陈 静")]
    [InlineData("\u202E陈静\u001b", "陈静")]
    public void The_name_is_protected_as_one_clean_line(string typed, string kept)
    {
        var protector = Protector();

        Assert.Equal(kept, protector.Reveal(protector.Protect(typed, "+8613805581234").NameCipher));
    }

    [Theory]
    [InlineData("\u0001\u0002")]
    [InlineData(" \n ")]
    public void A_name_of_controls_or_breaks_alone_is_no_name(string typed) =>
        Assert.Null(Protector().Protect(typed, "+8613805581234").NameCipher);

    [Fact]
    public void The_hash_finds_the_same_phone_again_and_differs_with_another_key_or_phone()
    {
        var protector = Protector();

        Assert.Equal(protector.HashPhone("+8613805581234"), protector.Protect(null, "+8613805581234").PhoneHash);
        Assert.NotEqual(protector.HashPhone("+8613805581234"), protector.HashPhone("+8613805581235"));
        Assert.NotEqual(protector.HashPhone("+8613805581234"), Protector("another-installation-key-0123456789abcdef").HashPhone("+8613805581234"));
    }

    [Fact]
    public void The_staff_workspace_can_reveal_what_was_protected_and_nothing_once_purged()
    {
        var protector = Protector();
        var caller = protector.Protect("陈静", "+865585123456");
        var appeal = Appeal.Log(
            new NewAppeal(1, 1, TopicKind.Matter, DateTimeOffset.UnixEpoch, CallOutcome.Answered, CallerType.Individual, null, "x", false, true, AppealActors.Caller),
            caller, "7KQ2MXD4P9", new AppealClock(WorkingDayCalendar.Plain, new ClockSettings()), DateTimeOffset.UnixEpoch);

        Assert.Equal("+865585123456", protector.RevealPhone(appeal));
        Assert.Equal("陈静", protector.RevealName(appeal));
        Assert.Equal("055****3456", appeal.CallerPhoneMasked);

        appeal.PurgePersonalData(DateTimeOffset.UnixEpoch.AddDays(400));
        Assert.Null(protector.RevealPhone(appeal));
        Assert.Null(protector.RevealName(appeal));
    }

    [Fact]
    public void A_blank_name_is_not_stored()
    {
        Assert.Null(Protector().Protect("  ", "+8613805581234").NameCipher);
    }
}

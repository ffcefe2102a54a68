namespace Bozhou.Hotline.UnitTests.Appeals;

public class TrackingCodeTests
{
    [Fact]
    public void Generated_codes_have_ten_characters_of_the_alphabet_and_a_valid_check_character()
    {
        var codes = Enumerable.Range(0, 2000).Select(_ => TrackingCode.Generate()).ToList();

        Assert.All(codes, code =>
        {
            Assert.Equal(TrackingCode.Length, code.Length);
            Assert.All(code, c => Assert.Contains(c, TrackingCode.Alphabet));
            Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(code, out var parsed));
            Assert.Equal(code, parsed);
        });
        // 45 random bits: 2,000 draws do not repeat.
        Assert.Equal(codes.Count, codes.Distinct().Count());
    }

    [Fact]
    public void The_check_character_catches_every_single_character_substitution()
    {
        var code = TrackingCode.Generate();
        var caught = 0;
        for (var position = 0; position < code.Length; position++)
        {
            foreach (var replacement in TrackingCode.Alphabet.Where(c => c != code[position]))
            {
                var typo = code[..position] + replacement + code[(position + 1)..];
                Assert.Equal(TrackingCodeCheck.Mistyped, TrackingCode.TryParse(typo, out _));
                caught++;
            }
        }

        Assert.Equal(10 * 31, caught);
    }

    [Theory]
    [InlineData("7KQ2M-XD4P")]
    [InlineData("0000000000")]
    [InlineData("ABCDEFGHJK")]
    public void The_check_character_is_Luhn_mod_32_over_the_first_nine(string sample)
    {
        var payload = sample.Replace("-", "", StringComparison.Ordinal)[..9];
        var code = payload + TrackingCode.CheckCharacter(payload);

        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(code, out _));
    }

    [Fact]
    public void A_code_is_read_as_a_person_types_it_lower_case_with_hyphens_spaces_and_O_I_L_for_0_and_1()
    {
        var code = CodeWith('0', '1');
        var typed = TrackingCode.Format(code).ToLowerInvariant().Replace('0', 'o').Replace('1', 'l');

        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(typed, out var parsed));
        Assert.Equal(code, parsed);
        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(" " + code[..5] + " － " + code[5..].Replace('1', 'I') + "　", out parsed));
        Assert.Equal(code, parsed);
    }

    [Fact]
    public void A_code_typed_in_full_width_letters_and_digits_is_the_same_code()
    {
        var code = CodeWith('7', 'K', 'Q', '2', 'M');
        var fullWidth = string.Concat(TrackingCode.Format(code).Select(c => c == '-' ? '－' : (char)(c + 0xFEE0)));

        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(fullWidth, out var parsed));
        Assert.Equal(code, parsed);
        Assert.Equal(TrackingCodeCheck.Valid, TrackingCode.TryParse(fullWidth.ToLowerInvariant(), out parsed));
        Assert.Equal(code, parsed);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("7KQ2M")]
    [InlineData("7KQ2M-XD4P9-ZZ")]
    [InlineData("7KQ2M-XD4PU")]
    [InlineData("7KQ2M_XD4P9")]
    [InlineData("七KQ2M-XD4P9")]
    public void Wrong_lengths_and_characters_are_malformed_not_mistyped(string? input)
    {
        Assert.Equal(TrackingCodeCheck.Malformed, TrackingCode.TryParse(input, out var code));
        Assert.Equal("", code);
    }

    [Fact]
    public void A_code_is_shown_as_two_groups_of_five()
    {
        Assert.Equal("7KQ2M-XD4P9", TrackingCode.Format("7KQ2MXD4P9"));
    }

    /// <summary>A valid code that holds the given characters, to test how they may be typed.</summary>
    private static string CodeWith(params char[] characters)
    {
        var payload = (new string(characters) + "ABCDEFGHJ")[..9];
        return payload + TrackingCode.CheckCharacter(payload);
    }
}

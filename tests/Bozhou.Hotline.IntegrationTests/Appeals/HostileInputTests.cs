namespace Bozhou.Hotline.IntegrationTests.Appeals;

/// <summary>One app for all the hostile submissions: each must be refused without a 5xx and without a row.</summary>
public sealed class HostileInputFixture : IAsyncLifetime
{
    public HotlineFactory Factory { get; } = new HotlineFactory().With("Appeals:SubmissionsPerHour", "100000");

    public TestDirectory Directory { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Directory = await Factory.SeedDirectoryAsync();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

public class HostileInputTests(HostileInputFixture fixture) : IClassFixture<HostileInputFixture>
{
    private const string Absent = "<absent>";

    public static TheoryData<string, string, string> Submissions => new()
    {
        // Over-long and empty text
        { "description one character too long", "Input.Description", new string('路', 4001) },
        { "description of 100,000 characters", "Input.Description", new string('x', 100_000) },
        { "description of 2,000 emoji (4,002 UTF-16 units)", "Input.Description", string.Concat(Enumerable.Repeat("😀", 2001)) },
        { "description of blanks only", "Input.Description", "   \n\t  " },
        { "description empty", "Input.Description", "" },
        { "description missing", "Input.Description", Absent },
        { "description with a NUL", "Input.Description", "路灯\0不亮" },
        { "description of control characters only", "Input.Description", "\u0007\u001b\u202E\r\n" },
        { "name of 51 characters", "Input.Name", new string('张', 51) },
        { "name of 10,000 characters", "Input.Name", new string('a', 10_000) },
        { "name with a NUL", "Input.Name", "张\0三" },
        { "enterprise name of 201 characters", "Input.EnterpriseName", "ENTERPRISE:" + new string('企', 201) },
        { "enterprise caller without a name", "Input.CallerType", "Enterprise" },
        // Phones
        { "phone empty", "Input.Phone", "" },
        { "phone missing", "Input.Phone", Absent },
        { "phone too short", "Input.Phone", "12345" },
        { "phone of twelve digits", "Input.Phone", "138055812345" },
        { "phone from the United States", "Input.Phone", "+1 202 555 0123" },
        { "phone from Hong Kong", "Input.Phone", "+852 6123 4567" },
        { "phone made of letters", "Input.Phone", "call me maybe" },
        { "phone as a script", "Input.Phone", "<script>alert(1)</script>" },
        { "phone as SQL", "Input.Phone", "' OR 1=1 --" },
        { "phone of 1,000 digits", "Input.Phone", new string('1', 1000) },
        { "phone that is a service number", "Input.Phone", "12345" + "678" },
        // Cadre ids
        { "cadre id not a number", "Input.CadreId", "abc" },
        { "cadre id negative", "Input.CadreId", "-1" },
        { "cadre id zero", "Input.CadreId", "0" },
        { "cadre id decimal", "Input.CadreId", "1.5" },
        { "cadre id overflowing", "Input.CadreId", "99999999999999999999" },
        { "cadre id unknown", "Input.CadreId", "987654" },
        { "cadre id of a cadre whose post ended", "Input.CadreId", "{former}" },
        { "cadre id as SQL", "Input.CadreId", "1 OR 1=1" },
        { "cadre id empty", "Input.CadreId", "" },
        { "cadre id missing", "Input.CadreId", Absent },
        { "cadre id in full-width digits", "Input.CadreId", "１" },
        // Topic ids
        { "topic id not a number", "Input.TopicId", "topic" },
        { "topic id unknown", "Input.TopicId", "987654" },
        { "topic id of an inactive topic", "Input.TopicId", "{inactive}" },
        { "topic id missing", "Input.TopicId", Absent },
        // Enumerations
        { "outcome unknown", "Input.Outcome", "Hungup" },
        { "outcome as a number", "Input.Outcome", "2" },
        { "outcome out of range", "Input.Outcome", "99" },
        { "outcome in lower case", "Input.Outcome", "answered" },
        { "outcome missing", "Input.Outcome", Absent },
        { "outcome as flags", "Input.Outcome", "Answered, NotAnswered" },
        { "caller type unknown", "Input.CallerType", "Government" },
        { "caller type as a number", "Input.CallerType", "1" },
        { "caller type missing", "Input.CallerType", Absent },
        // Times
        { "call time not a date", "Input.CalledAt", "yesterday" },
        { "call time empty", "Input.CalledAt", "" },
        { "call time a day ahead", "Input.CalledAt", "{now+1440}" },
        { "call time ten minutes ahead", "Input.CalledAt", "{now+10}" },
        { "call time 31 days back", "Input.CalledAt", "{now-44640}" },
        { "call time on 30 February", "Input.CalledAt", "2026-02-30T10:00" },
        { "call time at 25 o'clock", "Input.CalledAt", "2026-03-02T25:00" },
        { "call time at the end of time", "Input.CalledAt", "9999-12-31T23:59" },
        { "call time at the start of time", "Input.CalledAt", "0001-01-01T00:00" },
        { "call time with an offset", "Input.CalledAt", "2026-03-02T09:00+08:00" },
        // Checkboxes
        { "consent not given", "Input.ConsentToContact", Absent },
        { "consent false", "Input.ConsentToContact", "false" },
        { "consent as a word", "Input.ConsentToContact", "maybe" },
        { "confidentiality as a word", "Input.Confidential", "perhaps" },
        // The honeypot
        { "honeypot filled with a link", "Input.Website", "http://cheap-pills.example" },
        { "honeypot filled with one letter", "Input.Website", "a" },
    };

    [Theory]
    [MemberData(nameof(Submissions))]
    public async Task A_hostile_submission_is_refused_without_a_server_error_and_stores_no_row(string @case, string field, string value)
    {
        var factory = fixture.Factory;
        using var client = factory.Client();
        var page = await client.GetPageAsync("/appeals/new");
        var token = page.QuerySelector<IHtmlInputElement>("input[name='__RequestVerificationToken']")!.Value;
        var fields = AppealsKit.ValidFields(fixture.Directory, factory.Clock.GetUtcNow().AddMinutes(-10));
        fields["__RequestVerificationToken"] = token;
        if (value == Absent)
        {
            fields.Remove(field);
        }
        else
        {
            fields[field] = Resolve(value);
        }

        var before = await factory.CountRowsAsync();
        using var response = await client.PostAsync(new Uri("/appeals/new", UriKind.Relative), new FormUrlEncodedContent(fields));
        var after = await factory.CountRowsAsync();

        Assert.True((int)response.StatusCode < 500, $"{@case}: answered {(int)response.StatusCode}");
        Assert.Equal(before, after);
        if (field == "Input.Website")
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        }
        else if (value.Contains('\0', StringComparison.Ordinal))
        {
            // ASP.NET Core's form reader refuses NUL before any page sees it: the antiforgery check fails.
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("请求无效", (await Html.ParseAsync(response)).QuerySelector("h1")!.TextContent.Trim());
        }
        else
        {
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{@case}: answered {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            var form = await Html.ParseAsync(response);
            Assert.NotNull(form.QuerySelector("#form-errors li"));
            Assert.NotNull(form.QuerySelector("form#new-appeal"));
        }
    }

    [Fact]
    public async Task The_same_valid_submission_is_stored_so_the_refusals_above_are_the_hostile_values_doing()
    {
        var factory = fixture.Factory;
        using var client = factory.Client();
        var before = await factory.CountRowsAsync();

        await client.LogAppealAsync(factory, fixture.Directory);

        Assert.Equal((before.Appeals + 1, before.CallAttempts + 1, before.Events + 1), await factory.CountRowsAsync());
    }

    [Theory]
    [InlineData("<script>alert('x')</script>")]
    [InlineData("\"><img src=x onerror=alert(1)>")]
    [InlineData("路灯不亮 💡🚧 Street light ΑΒΓ Ярослав العربية")]
    [InlineData("'; DROP TABLE \"Appeals\"; --")]
    public async Task Text_with_markup_mixed_scripts_and_emoji_is_stored_as_typed_and_shown_escaped(string text)
    {
        var factory = fixture.Factory;
        using var client = factory.Client();
        var code = await client.LogAppealAsync(factory, fixture.Directory,
            ("Input.Description", text), ("Input.Name", text.Length <= 50 ? text : "名"), ("Input.CallerType", "Enterprise"), ("Input.EnterpriseName", text));

        using var check = await client.GetAsync(new Uri("/appeals/track/" + code, UriKind.Relative));
        var html = await check.Content.ReadAsStringAsync();
        var page = await Html.ParseAsync(check);
        var appeal = await factory.LoadAppealAsync(code);

        Assert.Equal(text, appeal.Description);
        Assert.Equal(text, appeal.EnterpriseName);
        Assert.Equal(text, page.QuerySelector("#description")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("#description *"));
        Assert.DoesNotContain("<script>alert", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
    }

    private string Resolve(string value) => value switch
    {
        "{former}" => fixture.Directory.FormerDeputyMayorId.ToString(CultureInfo.InvariantCulture),
        "{inactive}" => fixture.Directory.InactiveTopicId.ToString(CultureInfo.InvariantCulture),
        _ when value.StartsWith("{now", StringComparison.Ordinal) => ChinaTime.ToChina(fixture.Factory.Clock.GetUtcNow()
                .AddMinutes(int.Parse(value[4..^1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture)))
            .ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        _ => value,
    };
}

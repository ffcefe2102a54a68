namespace Bozhou.Hotline.IntegrationTests.Appeals;

/// <summary>One app for the appeal form's text: what the citizen types is stored as it will display.</summary>
public sealed class HonestTextFixture : IAsyncLifetime
{
    public HotlineFactory Factory { get; } = new HotlineFactory().With("Appeals:SubmissionsPerHour", "100000");

    public TestDirectory Directory { get; private set; } = null!;

    public async ValueTask InitializeAsync() => Directory = await Factory.SeedDirectoryAsync();

    public async ValueTask DisposeAsync() => await Factory.DisposeAsync();
}

/// <summary>
/// The appeal form and the tracking page through their real forms: direction overrides and control characters
/// never reach the database, one-line fields stay on one line, and full-width digits (as a Chinese input method
/// types them) pass the browser's checks and the server's alike.
/// </summary>
public class HonestTextTests(HonestTextFixture fixture) : IClassFixture<HonestTextFixture>
{
    private HotlineFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_description_with_a_direction_override_and_escape_codes_is_stored_and_shown_without_them()
    {
        using var client = Factory.Client();

        var code = await client.LogAppealAsync(Factory, fixture.Directory,
            ("Input.Description", "路灯\u202E不亮\u001b[31m，已一周\u0007\r\n请维修\u2066。\u2069"));

        var appeal = await Factory.LoadAppealAsync(code);
        Assert.Equal("路灯不亮[31m，已一周\n请维修。", appeal.Description);
        var page = await client.GetPageAsync("/appeals/track/" + code);
        Assert.Equal("路灯不亮[31m，已一周\n请维修。", page.QuerySelector("#description")!.TextContent);
    }

    [Fact]
    public async Task A_NUL_posted_as_multipart_form_data_is_dropped_not_stored()
    {
        // A urlencoded NUL is refused by ASP.NET Core's form reader (HostileInputTests); multipart bodies are not decoded
        // that way, so a client posting the same form as multipart/form-data gets its NUL to the page.
        using var client = Factory.Client();
        var form = await client.OpenFormAsync();
        var fields = AppealsKit.ValidFields(fixture.Directory, Factory.Clock.GetUtcNow().AddMinutes(-10));
        fields["Input.Description"] = "路灯\0不亮\u202D";
        fields["Input.Name"] = "陈\0静";

        using var response = await client.SubmitMultipartAsync(form, fields);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var appeal = await Factory.LoadAppealAsync(response.Headers.Location!.OriginalString["/appeals/receipt/".Length..]);
        Assert.Equal("路灯不亮", appeal.Description);
        Assert.Equal("陈静", Factory.Services.GetRequiredService<CallerDataProtector>().RevealName(appeal));
    }

    [Fact]
    public async Task A_caller_name_and_an_enterprise_name_with_line_breaks_are_stored_on_one_line()
    {
        using var client = Factory.Client();

        var code = await client.LogAppealAsync(Factory, fixture.Directory,
            ("Input.Name", "陈\n静"), ("Input.CallerType", "Enterprise"), ("Input.EnterpriseName", "亳州\r\n\r\n华佗\t药业\u202E有限公司"));

        var appeal = await Factory.LoadAppealAsync(code);
        Assert.Equal("陈 静", Factory.Services.GetRequiredService<CallerDataProtector>().RevealName(appeal));
        Assert.Equal("亳州 华佗 药业有限公司", appeal.EnterpriseName);
    }

    [Fact]
    public async Task A_description_of_control_characters_alone_is_refused_as_empty()
    {
        using var client = Factory.Client();
        var before = await Factory.CountRowsAsync();

        using var empty = await client.SubmitAppealAsync(Factory, fixture.Directory, ("Input.Description", ""));
        using var controls = await client.SubmitAppealAsync(Factory, fixture.Directory, ("Input.Description", "\u0007\u202E\u001b\r\n\u2066"));

        Assert.Equal(HttpStatusCode.OK, controls.StatusCode);
        var expected = (await Html.ParseAsync(empty)).QuerySelector("#description-error")!.TextContent.Trim();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, (await Html.ParseAsync(controls)).QuerySelector("#description-error")!.TextContent.Trim());
        Assert.Equal(before, await Factory.CountRowsAsync());
    }

    [Theory]
    [InlineData("１３９０５５８１２３４")]
    [InlineData("139－0558－1234")]
    [InlineData("１３９－０５５８－１２３４")]
    [InlineData("139\u30000558\u30001234")]
    [InlineData("＋８６　１３９　０５５８　１２３４")]
    [InlineData("+86 (139) 0558-1234")]
    public async Task A_full_width_phone_passes_the_forms_own_checks_and_the_server_takes_it_as_the_same_number(string typed)
    {
        using var client = Factory.Client();
        var form = await client.OpenFormAsync();

        Assert.True(Html.BrowserAccepts(form.QuerySelector<IHtmlInputElement>("input#phone")!, typed), $"the browser would refuse {typed}");
        var code = await client.LogAppealAsync(Factory, fixture.Directory, ("Input.Phone", typed));

        var appeal = await Factory.LoadAppealAsync(code);
        Assert.Equal("139****1234", appeal.CallerPhoneMasked);
        Assert.Equal("+8613905581234", Factory.Services.GetRequiredService<CallerDataProtector>().RevealPhone(appeal));
    }

    [Fact]
    public async Task The_tracking_check_takes_the_code_and_the_last_four_digits_in_full_width()
    {
        using var client = Factory.Client();
        var code = await client.LogAppealAsync(Factory, fixture.Directory);
        var fullWidthCode = string.Concat(TrackingCode.Format(code).Select(c => c == '-' ? '－' : (char)(c + 0xFEE0)));
        using var reader = Factory.Client();
        var page = await reader.GetPageAsync("/appeals/track");
        var form = page.QuerySelector<IHtmlFormElement>("form#track-check")!;

        Assert.True(Html.BrowserAccepts(form.QuerySelector<IHtmlInputElement>("input#code")!, fullWidthCode));
        Assert.True(Html.BrowserAccepts(form.QuerySelector<IHtmlInputElement>("input#lastFour")!, "１２３４"));
        Assert.False(Html.BrowserAccepts(form.QuerySelector<IHtmlInputElement>("input#lastFour")!, "12a4"));
        using var checkedIn = await reader.CheckAsync(fullWidthCode, "１２３４");

        Assert.Equal(HttpStatusCode.Redirect, checkedIn.StatusCode);
        Assert.Equal("/appeals/track/" + code, checkedIn.Headers.Location!.OriginalString);
    }
}

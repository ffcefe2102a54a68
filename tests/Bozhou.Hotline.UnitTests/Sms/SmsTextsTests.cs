namespace Bozhou.Hotline.UnitTests.Sms;

public class SmsTextsTests
{
    [Fact]
    public void Every_text_starts_with_the_signature_and_fills_its_named_placeholders()
    {
        var texts = new SmsTemplates();

        var body = texts.Render(SmsText.CallerFirstContact, new SmsValues("7KQ2MXD4P9", "市交通运输局局长张伟", "0558 512 3456"));

        Assert.Equal("【亳州干部热线】您的诉求7KQ2M-XD4P9由市交通运输局局长张伟承办，办公电话0558 512 3456，如有疑问可来电联系。", body);
    }

    [Fact]
    public void A_template_saved_with_the_signature_in_it_carries_the_signature_once()
    {
        var texts = new SmsTemplates { Reminder = "【亳州干部热线】督查室催办：请抓紧办理诉求{0}。" };

        Assert.Equal("【亳州干部热线】督查室催办：请抓紧办理诉求7KQ2M-XD4P9。", texts.Render(SmsText.CadreReminder, new SmsValues("7KQ2MXD4P9")));
    }

    [Fact]
    public void A_changed_signature_and_a_public_address_make_the_link_a_short_link_to_the_tracking_page()
    {
        var texts = new SmsTemplates { Signature = "【谯城区政务】", PublicBaseUrl = "https://rx.bozhou.gov.cn/" };

        var body = texts.Render(SmsText.CallerLogged, new SmsValues("7KQ2MXD4P9"));

        Assert.StartsWith("【谯城区政务】您的诉求已登记，查询码7KQ2M-XD4P9。", body, StringComparison.Ordinal);
        Assert.EndsWith("https://rx.bozhou.gov.cn/t/7KQ2MXD4P9", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_public_address_the_link_is_left_out()
    {
        Assert.Equal("【亳州干部热线】您的诉求已登记，查询码7KQ2M-XD4P9。凭查询码和来电号码后四位可查询办理进度。",
            new SmsTemplates().Render(SmsText.CallerLogged, new SmsValues("7KQ2MXD4P9")));
    }

    [Theory]
    [InlineData("请于{due}前回电，编号{code}", SmsTemplateProblem.None, null)]
    [InlineData("请于{deadline}前回电，编号{code}", SmsTemplateProblem.UnknownPlaceholder, "{deadline}")]
    [InlineData("请回电，编号{code}，{0}", SmsTemplateProblem.UnknownPlaceholder, "{0}")]
    [InlineData("请于{due}前回电，编号{code", SmsTemplateProblem.UnknownPlaceholder, "{")]
    [InlineData("请尽快回电，编号{code}", SmsTemplateProblem.MissingPlaceholder, "{due}")]
    [InlineData("  ", SmsTemplateProblem.Empty, null)]
    public void A_template_is_refused_for_an_unknown_placeholder_or_a_missing_required_one(string template, SmsTemplateProblem problem, string? placeholder)
    {
        Assert.Equal(new SmsTemplateCheck(problem, placeholder), SmsTexts.Check(SmsText.CadreMissedCall, template));
    }

    [Fact]
    public void Every_built_in_template_passes_its_own_check()
    {
        Assert.All(SmsTexts.All, text => Assert.True(SmsTexts.Check(text, SmsTexts.Default(text)).IsValid, text.ToString()));
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    [InlineData(201, 3)]
    public void A_text_takes_one_segment_up_to_70_characters_and_one_per_67_beyond(int length, int segments)
    {
        Assert.Equal(segments, SmsTexts.Segments(length));
    }

    [Theory]
    [InlineData("2026-03-04T16:00:00Z", "3月4日24时")]
    [InlineData("2026-03-05T08:30:00Z", "3月5日16时30分")]
    [InlineData("2026-03-05T08:00:00Z", "3月5日16时")]
    public void A_deadline_reads_in_China_time_and_midnight_as_the_end_of_the_day_before(string due, string text)
    {
        Assert.Equal(text, SmsTexts.DueText(DateTimeOffset.Parse(due, CultureInfo.InvariantCulture)));
    }
}

public class SmsLimitsTests
{
    private readonly SmsLimits _limits = new(new SmsOptions());

    [Theory]
    [InlineData("2026-03-02T13:59:00Z", null)]
    [InlineData("2026-03-02T14:00:00Z", "2026-03-02T23:00:00Z")]
    [InlineData("2026-03-02T18:30:00Z", "2026-03-02T23:00:00Z")]
    [InlineData("2026-03-02T22:59:00Z", "2026-03-02T23:00:00Z")]
    [InlineData("2026-03-02T23:00:00Z", null)]
    public void Between_22_and_7_China_time_a_text_waits_until_7(string now, string? release)
    {
        var expected = release is null ? (DateTimeOffset?)null : DateTimeOffset.Parse(release, CultureInfo.InvariantCulture);
        Assert.Equal(expected, _limits.HeldUntil(SmsPurpose.CallerReplied, DateTimeOffset.Parse(now, CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void The_logging_receipt_goes_in_quiet_hours_too()
    {
        Assert.Null(_limits.HeldUntil(SmsPurpose.Receipt, new DateTimeOffset(2026, 3, 2, 16, 0, 0, TimeSpan.Zero)));
    }
}

public class CadreTitleTests
{
    [Theory]
    [InlineData("市数据资源局", "局长", "王芳", "市数据资源局局长王芳")]
    [InlineData("市数据资源局", "市数据资源局局长", "王芳", "市数据资源局局长王芳")]
    [InlineData("", "副市长", "李明", "副市长李明")]
    public void The_unit_is_named_once(string unit, string position, string name, string full)
    {
        Assert.Equal(full, CadreTitle.Full(unit, position, name));
    }
}

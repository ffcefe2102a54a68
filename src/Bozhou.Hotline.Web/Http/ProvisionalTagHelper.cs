using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// <c>&lt;provisional due="@deadline" /&gt;</c> after a shown deadline: "（暂定）" / "(provisional)", with a title saying
/// why, when the deadline's last day lies in a year whose holiday schedule is not loaded
/// (<see cref="WorkingDayCalendar.IsProvisional"/>); nothing otherwise. Loading the year recounts the deadline, and the
/// mark goes with the next view.
/// </summary>
[HtmlTargetElement("provisional", TagStructure = TagStructure.WithoutEndTag)]
public sealed class ProvisionalTagHelper(CalendarStore calendar, IStringLocalizer<SharedResource> t) : TagHelper
{
    /// <summary>The deadline as stored: the UTC instant at which it passes (00:00 China time after its last day).</summary>
    public DateTimeOffset? Due { get; set; }

    /// <summary>Writes the mark, or nothing.</summary>
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (Due is not { } due || !(await calendar.GetAsync()).IsProvisional(due))
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "span";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "provisional text-warning-emphasis");
        output.Attributes.SetAttribute("title", t["Provisional.Title", ChinaTime.DateOf(due.AddTicks(-1)).Year].Value);
        output.Content.SetContent(t["Provisional.Mark"].Value);
    }
}

/// <summary>
/// <c>&lt;missing-schedule /&gt;</c>: a warning (<c>#missing-schedule</c>) while a year's holiday schedule that should be
/// loaded is not (<see cref="WorkingDayCalendar.MissingSchedules"/>: this year, and from 1 November China time the
/// next); nothing otherwise.
/// </summary>
[HtmlTargetElement("missing-schedule", TagStructure = TagStructure.WithoutEndTag)]
public sealed class MissingScheduleTagHelper(CalendarStore calendar, TimeProvider time, IStringLocalizer<SharedResource> t) : TagHelper
{
    /// <summary>Writes the warning, or nothing.</summary>
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var missing = (await calendar.GetAsync()).MissingSchedules(ChinaTime.DateOf(time.GetUtcNow()));
        if (missing.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "div";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("id", "missing-schedule");
        output.Attributes.SetAttribute("class", "alert alert-warning");
        output.Attributes.SetAttribute("role", "status");
        output.Content.SetContent(t["MissingSchedule.Warning", string.Join("、", missing)].Value);
    }
}

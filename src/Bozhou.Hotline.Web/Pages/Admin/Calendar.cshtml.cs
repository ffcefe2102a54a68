namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The holiday calendar by year: days added or removed one at a time, or a whole year replaced from the State
/// Council's schedule (<c>date,kind,occasion</c>). Each change recounts the open deadlines it moves, in the same
/// transaction and audit entry (<see cref="CalendarChanges"/>); the working-day clocks re-read it at once.
/// </summary>
public class CalendarModel(
    HotlineDbContext db, AdminChanges changes, CalendarChanges edits, TimeProvider time, IStringLocalizer<AdminResource> a) : PageModel
{
    public const int MaxScheduleBytes = 64 * 1024;

    public int Year { get; private set; }

    public IReadOnlyList<CalendarDay> Days { get; private set; } = [];

    [BindProperty]
    public DayInput Day { get; set; } = new();

    [BindProperty]
    public string? Schedule { get; set; }

    [BindProperty]
    public IFormFile? ScheduleFile { get; set; }

    /// <summary>The State Council notice's text for a year, typed or pasted (<see cref="HolidayNotice"/>).</summary>
    [BindProperty]
    public NoticeInput Notice { get; set; } = new();

    /// <summary>The days the notice gives, shown before saving; null until previewed.</summary>
    public IReadOnlyList<CalendarDay>? Preview { get; private set; }

    public IReadOnlyList<NoticeWarning> PreviewWarnings { get; private set; } = [];

    public Task OnGetAsync(int? year, CancellationToken cancellationToken) => LoadAsync(year, cancellationToken);

    public async Task<IActionResult> OnPostAddAsync(int? year, CancellationToken cancellationToken)
    {
        await LoadAsync(year, cancellationToken);
        ModelState.Clear();
        if (!DateOnly.TryParseExact(Day.Date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            || Day.Kind is not (CalendarDayKind.Holiday or CalendarDayKind.Workday) || string.IsNullOrWhiteSpace(Day.Occasion) || Day.Occasion.Length > 60)
        {
            ModelState.AddModelError("Day", a["Calendar.BadDay"]);
            return Page();
        }

        if (await db.CalendarDays.AnyAsync(d => d.Date == date, cancellationToken))
        {
            ModelState.AddModelError("Day", a["Calendar.DayExists", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)]);
            return Page();
        }

        var day = new CalendarDay { Date = date, Kind = Day.Kind, Occasion = Day.Occasion.Trim() };
        var recount = await edits.AddAsync(day, time.GetUtcNow(), cancellationToken);
        changes.Describe(day, Details("added", recount));
        if (!await SaveAsync(recount, cancellationToken))
        {
            return Page();
        }

        return RedirectToPage("/Admin/Calendar", new { year = date.Year });
    }

    public async Task<IActionResult> OnPostRemoveAsync(int? year, string? date, CancellationToken cancellationToken)
    {
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == day, cancellationToken) is { } existing)
        {
            var recount = await edits.RemoveAsync(existing, time.GetUtcNow(), cancellationToken);
            changes.Describe(existing, Details("removed", recount));
            if (!await SaveAsync(recount, cancellationToken))
            {
                await LoadAsync(year, cancellationToken);
                return Page();
            }
        }

        return RedirectToPage("/Admin/Calendar", new { year = year ?? day.Year });
    }

    public async Task<IActionResult> OnPostImportAsync(int? year, CancellationToken cancellationToken)
    {
        await LoadAsync(year, cancellationToken);
        ModelState.Clear();
        var text = Schedule;
        if (ScheduleFile is { Length: > 0 } file)
        {
            if (file.Length > MaxScheduleBytes)
            {
                ModelState.AddModelError("Schedule", a["Calendar.BadSchedule", "> 64 KB"]);
                return Page();
            }

            using var reader = new StreamReader(file.OpenReadStream());
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        IReadOnlyList<CalendarDay> days;
        try
        {
            days = HolidaySchedule.Parse(new StringReader(text ?? ""));
        }
        catch (Exception e) when (e is FormatException or CsvHelper.CsvFormatException or CsvHelper.CsvValidationException or ArgumentException or InvalidOperationException or KeyNotFoundException or IndexOutOfRangeException)
        {
            ModelState.AddModelError("Schedule", a["Calendar.BadSchedule", e.Message]);
            return Page();
        }

        var years = days.Select(d => d.Date.Year).Distinct().ToList();
        var thisYear = ChinaTime.DateOf(time.GetUtcNow()).Year;
        if (years.Count != 1 || years[0] < thisYear || days.DistinctBy(d => d.Date).Count() != days.Count)
        {
            ModelState.AddModelError("Schedule", a["Calendar.OneLaterYear", thisYear]);
            return Page();
        }

        return await ReplaceYearAsync(years[0], days, "schedule imported", cancellationToken);
    }

    /// <summary>Reads the notice's text typed or pasted into the form and shows the days it gives, with what to check.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(int? year, CancellationToken cancellationToken)
    {
        await LoadAsync(year, cancellationToken);
        ModelState.Clear();
        if (ReadNotice() is { } days)
        {
            Preview = days;
            PreviewWarnings = HolidayNotice.Check(days);
        }

        return Page();
    }

    /// <summary>Saves the previewed notice's days as the year's schedule, read again from the same text.</summary>
    public async Task<IActionResult> OnPostSaveNoticeAsync(int? year, CancellationToken cancellationToken)
    {
        await LoadAsync(year, cancellationToken);
        ModelState.Clear();
        return ReadNotice() is { } days
            ? await ReplaceYearAsync(Notice.Year!.Value, days, "notice loaded", cancellationToken)
            : Page();
    }

    private IReadOnlyList<CalendarDay>? ReadNotice()
    {
        var thisYear = ChinaTime.DateOf(time.GetUtcNow()).Year;
        if (Notice.Year is not { } noticeYear || noticeYear < thisYear || !SupportedDates.ContainsYear(noticeYear)
            || string.IsNullOrWhiteSpace(Notice.Text) || Notice.Text.Length > NoticeInput.MaxLength)
        {
            ModelState.AddModelError("Notice", a["Calendar.NoticeRequired", thisYear]);
            return null;
        }

        try
        {
            var days = HolidayNotice.Parse(noticeYear, Notice.Text);
            if (days.Count == 0 || days.Any(d => d.Date.Year != noticeYear))
            {
                ModelState.AddModelError("Notice", a["Calendar.OneLaterYear", thisYear]);
                return null;
            }

            return days;
        }
        catch (FormatException e)
        {
            ModelState.AddModelError("Notice", a["Calendar.BadNotice", e.Message]);
            return null;
        }
    }

    private async Task<IActionResult> ReplaceYearAsync(int scheduleYear, IReadOnlyList<CalendarDay> days, string what, CancellationToken cancellationToken)
    {
        var (replaced, recount) = await edits.ReplaceYearAsync(scheduleYear, days, time.GetUtcNow(), cancellationToken);
        // One line for the year, not one per day replaced.
        changes.Summarize($"Calendar:{scheduleYear}", new { Days = replaced }, new { Days = days.Count }, Details(what, recount));
        if (!await SaveAsync(recount, cancellationToken))
        {
            return Page();
        }

        this.Flash(a["Calendar.Imported", days.Count, scheduleYear].Value
            + (recount.Deadlines > 0 ? " · " + a["Calendar.Moved", recount.Deadlines, recount.Appeals].Value : ""));
        return RedirectToPage("/Admin/Calendar", new { year = scheduleYear });
    }

    /// <summary>The audit entry's details: what was done and how many deadlines it moved, on how many open appeals.</summary>
    private static string Details(string what, DeadlineRecount recount) =>
        $"{what}; deadlines moved: {recount.Deadlines} on {recount.Appeals} open appeals";

    /// <summary>
    /// Saves the calendar, the moved appeals and the audit entry together. False, with the error on the page, when
    /// one of the moved appeals was changed by someone else meanwhile: nothing is saved, and the change can be sent again.
    /// </summary>
    private async Task<bool> SaveAsync(DeadlineRecount recount, CancellationToken cancellationToken)
    {
        try
        {
            await changes.SaveAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", a["Calendar.Conflict"]);
            return false;
        }

        if (recount.Deadlines > 0 && !this.HasFlash())
        {
            this.Flash(a["Calendar.Moved", recount.Deadlines, recount.Appeals]);
        }

        return true;
    }

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Year = year is { } y && SupportedDates.ContainsYear(y) ? y : ChinaTime.DateOf(time.GetUtcNow()).Year;
        var from = new DateOnly(Year, 1, 1);
        var to = new DateOnly(Year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(cancellationToken);
    }
}

/// <summary>The notice form: the year its dates belong to, and the notice's text as published or typed.</summary>
public sealed class NoticeInput
{
    /// <summary>The longest text read, in characters: a whole notice is under 1,000.</summary>
    public const int MaxLength = 8000;

    /// <summary>The (Gregorian) year of the schedule: this year (China time) or later.</summary>
    public int? Year { get; set; }

    /// <summary>The festivals' sentences, e.g. "元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。".</summary>
    public string? Text { get; set; }
}

public sealed class DayInput
{
    public string? Date { get; set; }

    public CalendarDayKind Kind { get; set; } = CalendarDayKind.Holiday;

    [SingleLine]
    public string? Occasion { get; set; }
}

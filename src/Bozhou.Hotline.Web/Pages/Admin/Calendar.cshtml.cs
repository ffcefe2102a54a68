using System.Globalization;
using Bozhou.Hotline.Core.Calendar;
using Bozhou.Hotline.Core.Data;
using Bozhou.Hotline.Core.Text;
using Bozhou.Hotline.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The holiday calendar by year: days added or removed one at a time, or a whole year replaced from the State
/// Council's schedule (<c>date,kind,occasion</c>). The working-day clocks re-read it at once.
/// </summary>
public class CalendarModel(HotlineDbContext db, AdminChanges changes, CalendarStore calendar, TimeProvider time, IStringLocalizer<AdminResource> a) : PageModel
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
        db.CalendarDays.Add(day);
        changes.Record(User, () => $"CalendarDay:{date:yyyy-MM-dd}", null, new { Kind = day.Kind.ToString(), day.Occasion }, "added");
        await SaveAsync(cancellationToken);
        return Redirect($"/admin/calendar?year={date.Year}");
    }

    public async Task<IActionResult> OnPostRemoveAsync(int? year, string? date, CancellationToken cancellationToken)
    {
        if (DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            && await db.CalendarDays.SingleOrDefaultAsync(d => d.Date == day, cancellationToken) is { } existing)
        {
            db.CalendarDays.Remove(existing);
            changes.Record(User, () => $"CalendarDay:{day:yyyy-MM-dd}", new { Kind = existing.Kind.ToString(), existing.Occasion }, null, "removed");
            await SaveAsync(cancellationToken);
        }

        return Redirect($"/admin/calendar?year={year ?? day.Year}");
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

        var scheduleYear = years[0];
        var from = new DateOnly(scheduleYear, 1, 1);
        var to = new DateOnly(scheduleYear, 12, 31);
        var old = await db.CalendarDays.Where(d => d.Date >= from && d.Date <= to).ToListAsync(cancellationToken);
        db.CalendarDays.RemoveRange(old);
        db.CalendarDays.AddRange(days);
        changes.Record(User, () => $"Calendar:{scheduleYear}", new { Days = old.Count }, new { Days = days.Count }, "schedule imported");
        await SaveAsync(cancellationToken);
        TempData["Flash"] = a["Calendar.Imported", days.Count, scheduleYear].Value;
        return Redirect($"/admin/calendar?year={scheduleYear}");
    }

    private async Task SaveAsync(CancellationToken cancellationToken)
    {
        await changes.SaveAsync(cancellationToken);
        calendar.Invalidate();
    }

    private async Task LoadAsync(int? year, CancellationToken cancellationToken)
    {
        Year = year is { } y && SupportedDates.ContainsYear(y) ? y : ChinaTime.DateOf(time.GetUtcNow()).Year;
        var from = new DateOnly(Year, 1, 1);
        var to = new DateOnly(Year, 12, 31);
        Days = await db.CalendarDays.AsNoTracking().Where(d => d.Date >= from && d.Date <= to).OrderBy(d => d.Date).ToListAsync(cancellationToken);
    }
}

public sealed class DayInput
{
    public string? Date { get; set; }

    public CalendarDayKind Kind { get; set; } = CalendarDayKind.Holiday;

    [SingleLine]
    public string? Occasion { get; set; }
}

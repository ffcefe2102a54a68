using FluentValidation.Results;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// What saving a row of a simple administered list (jurisdictions, departments, topics) needs from its page;
/// <see cref="RecordEdits.SaveRecordAsync"/> does the rest the same way for each.
/// </summary>
public sealed class RecordEdit<T>
    where T : class
{
    /// <summary>The input's own rules, reported under <c>Input.</c>.</summary>
    public required ValidationResult Validation { get; init; }

    /// <summary>Rules that need the database, run once the input is valid: the field and message of the first one broken, or null.</summary>
    public Func<T, Task<(string Field, string Message)?>> Check { get; init; } = _ => Task.FromResult<(string, string)?>(null);

    /// <summary>Copies the valid input onto the record.</summary>
    public required Action<T> Apply { get; init; }

    public required string ListUrl { get; init; }

    public required string SavedMessage { get; init; }
}

public static class RecordEdits
{
    /// <summary>
    /// Finds the row (or starts a new one when <paramref name="id"/> is null), validates, applies the input, saves it
    /// as an administrator's change (<see cref="AdminChanges.SaveAsync"/>: audited as "created" or "edited" with the
    /// changed fields, the directory cache evicted), then redirects to the list with a flash message. Bad input returns
    /// the page with its errors and writes nothing.
    /// </summary>
    public static async Task<IActionResult> SaveRecordAsync<T>(
        this PageModel page, HotlineDbContext db, AdminChanges changes, int? id, RecordEdit<T> edit, CancellationToken cancellationToken)
        where T : class, new()
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(changes);
        ArgumentNullException.ThrowIfNull(edit);
        var record = id is null ? new T() : await db.Set<T>().FindAsync([id], cancellationToken);
        if (record is null)
        {
            return page.NotFound();
        }

        page.ModelState.Clear();
        if (!edit.Validation.IsValid)
        {
            page.ModelState.AddErrors(edit.Validation, "Input");
            return page.Page();
        }

        if (await edit.Check(record) is var (field, message))
        {
            page.ModelState.AddModelError(field, message);
            return page.Page();
        }

        edit.Apply(record);
        if (id is null)
        {
            db.Add(record);
        }

        await changes.SaveAsync(cancellationToken);
        page.Flash(edit.SavedMessage);
        return new RedirectResult(edit.ListUrl);
    }
}

namespace Bozhou.Hotline.Web.Pages.Admin;

/// <summary>
/// The history of directory imports (<see cref="DirectoryImportBatch"/>), newest first, each revertible as one audited
/// change for 30 days (<see cref="DirectoryImporter.RevertAsync"/>); a refused revert says why and which records.
/// </summary>
public class ImportHistoryModel(HotlineDbContext db, DirectoryImporter importer, TimeProvider time, IStringLocalizer<AdminResource> a) : PageModel
{
    /// <summary>How many of the latest imports are shown.</summary>
    public const int Shown = 100;

    public IReadOnlyList<DirectoryImportBatch> Batches { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = time.GetUtcNow();
        Batches = await db.DirectoryImportBatches.AsNoTracking().OrderByDescending(b => b.Id).Take(Shown).ToListAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostRevertAsync(int id, CancellationToken cancellationToken)
    {
        var names = new List<string>();
        var outcome = await importer.RevertAsync(id, names, cancellationToken);
        if (outcome == RevertOutcome.Reverted)
        {
            this.Flash(a["ImportHistory.Done", id]);
            return RedirectToPage();
        }

        ModelState.AddModelError("", a["ImportHistory.Refused." + outcome, string.Join(a["Import.ListSeparator"].Value, names)]);
        db.ChangeTracker.Clear();
        await OnGetAsync(cancellationToken);
        return Page();
    }

    /// <summary>An instant in China time, to the minute.</summary>
    public static string Time(DateTimeOffset at) => ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}

namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>The extensions queue (延期审批): requests for a later reply deadline, decided within 1 working day.</summary>
public class ExtensionsModel(Extensions extensions, TimeProvider time, IStringLocalizer<SupervisionResource> localizer) : PageModel
{
    /// <summary>The longest note with a decision.</summary>
    public const int NoteMaxLength = 500;

    public IReadOnlyList<ExtensionRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Rows = await extensions.PendingAsync(time.GetUtcNow(), cancellationToken);

    /// <summary>Approves (<paramref name="approve"/>) or refuses an appeal's pending extension, then back to the queue.</summary>
    public async Task<IActionResult> OnPostDecideAsync(long appealId, bool approve, [SingleLine] string? note, CancellationToken cancellationToken)
    {
        var outcome = await extensions.DecideAsync(appealId, approve, note is { Length: > NoteMaxLength } ? note[..NoteMaxLength] : note, User.ToActor(), cancellationToken);
        if (outcome.Appeal is null)
        {
            return NotFound();
        }

        var message = outcome switch
        {
            { Status: AppealActionStatus.Done } => approve ? "Ext.Approved" : "Ext.Refused",
            { RuleCode: AppealRuleException.ExtensionLapsed } => "Ext.Lapsed",
            { RuleCode: AppealRuleException.ExtensionNotAwaitingReply } => "Ext.Replied",
            { Status: AppealActionStatus.Conflict } => "Ext.Busy",
            _ => "Ext.NotPending",
        };
        this.Flash(localizer[message, outcome.Appeal.TrackingCode]);
        return RedirectToPage();
    }
}

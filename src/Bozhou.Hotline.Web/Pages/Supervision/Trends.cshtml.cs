namespace Bozhou.Hotline.Web.Pages.Supervision;

/// <summary>
/// The appeals behind one rising term (上升诉求) in a scope and window: tracking code, date, topic, cadre, the phone masked,
/// the description with the term marked; a confidential (保密) appeal by its tracking code only, its description not shown.
/// </summary>
public class TrendsModel(RisingTerms rising) : PageModel
{
    /// <summary>The longest window the list accepts, in days (the bulletin's month).</summary>
    public const int MaxDays = 31;

    public string Key { get; private set; } = "";

    public TrendScope Scope { get; private set; } = TrendScope.City;

    public DateOnly From { get; private set; }

    public DateOnly To { get; private set; }

    public IReadOnlyList<TrendAppeal> Appeals { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string? key, string? scope, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(key) || key.Length > TermExtractor.MaxKeyLength * 2 || TrendScope.Parse(scope) is not { } parsed
            || !ModelState.IsValid || from is not { } f || to is not { } t || f > t || t.DayNumber - f.DayNumber >= MaxDays)
        {
            return BadRequest();
        }

        (Key, Scope, From, To) = (key, parsed, f, t);
        Appeals = await rising.AppealsAsync(Scope, Key, From, To, cancellationToken);
        return Page();
    }
}

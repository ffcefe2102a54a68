using System.Text.RegularExpressions;

namespace Bozhou.Hotline.Core.Audit;

/// <summary>
/// An audit entry's details read as data: what happened (<see cref="Code"/>, one of a fixed set, rendered in the reader's
/// language), its values (counts, dates, masked phones, subjects such as <c>Cadre:12</c>, in invariant form), and the
/// reason a person typed, if any (shown as typed). <see cref="Code"/> is null for details this reader does not know;
/// they are shown as stored.
/// </summary>
/// <param name="Code">The kind of details, e.g. <c>Ended</c> or <c>CalendarChanged</c>; null when not recognised.</param>
/// <param name="Values">The values in the order of the code's sentence.</param>
/// <param name="Reason">The text a person gave (a reason to reveal a phone, to leave the ladder's order), as typed.</param>
public sealed partial record AuditDetails(string? Code, IReadOnlyList<string> Values, string? Reason)
{
    /// <summary>
    /// The details written by the app since the audit trail began, each a fixed English sentence (so every entry, however
    /// old, reads the same): the sentence's pattern and its code. Values are the pattern's groups in order; a group named
    /// <c>reason</c> is the person's own text.
    /// </summary>
    private static readonly (Regex Pattern, string Code)[] Known =
    [
        (Exact("created"), "Created"),
        (Exact("edited"), "Edited"),
        (Exact("removed"), "Removed"),
        (Exact("ended"), "Ended"),
        (Exact("ended with its jurisdiction"), "EndedWithJurisdiction"),
        (Exact("saved over the configured defaults"), "SettingsFirstSave"),
        (Exact("unlocked"), "Unlocked"),
        (Exact("account created"), "AccountCreated"),
        (Exact("password reset"), "PasswordReset"),
        (Exact("cadre linked"), "CadreLinked"),
        (Exact("mobile removed"), "MobileRemoved"),
        (Exact("mobile set"), "MobileSet"),
        (Exact("delegation added"), "DelegationAdded"),
        (Exact("delegation removed"), "DelegationRemoved"),
        (Exact("disabled"), "Disabled"),
        (Exact("enabled"), "Enabled"),
        (Exact("post ended by a change of post"), "PostEndedByChange"),
        (Exact("earlier post kept"), "EarlierPostKept"),
        (Exact("superior followed a change of post"), "SuperiorFollowed"),
        (Exact("post ended"), "PostEnded"),
        (Exact("superior's post ended"), "SuperiorPostEnded"),
        (Exact("API key issued"), "ApiKeyIssued"),
        (Exact("API key revoked"), "ApiKeyRevoked"),
        (Exact("Locked after repeated failed sign-ins"), "LockedOut"),
        (Exact("first-run setup"), "FirstRunSetup"),
        (Exact("Caller phone shown on the workspace appeal page"), "PhoneShown"),
        (Exact("Caller phone and name shown on the workspace appeal page"), "PhoneAndNameShown"),
        (Exact("Caller phone shown on the workspace call page"), "PhoneShownToCall"),
        (Exact("Caller phone and name shown on the workspace call page"), "PhoneAndNameShownToCall"),
        (Pattern(@"new post, after (Cadre:\d+)"), "NewPostAfter"),
        (Pattern(@"(added|removed|schedule imported|notice loaded); deadlines moved: (\d+) on (\d+) open appeals"), "Calendar"),
        (Pattern(@"(\d+) appeal\(s\) closed on or before (\d{4}-\d\d-\d\d \d\d:\d\d:\d\d)Z purged of personal data"), "Purged"),
        (Pattern(@"Not sent: the same text went to (\S+) within (\d+) minutes\."), "SmsDuplicate"),
        (Pattern(@"Not sent: (\S+) has had its (\d+) texts today \(China time\)\."), "SmsDailyLimit"),
        (Pattern(@"Confidential caller's phone shown to call back; reason: (?<reason>.*)"), "PhoneShownToCallBack"),
        (Pattern(@"(Interview|Referral|\w+) out of the ladder's order for appeals ([\d,]*); reason: (?<reason>.*)"), "LadderOverride"),
        (Pattern(@"directory imported from (.*) \(SHA-256 ([0-9a-fA-F]+)\)"), "DirectoryImported"),
        (Pattern(@"directory import (\d+) of (\d{4}-\d\d-\d\d \d\d:\d\d) UTC reverted"), "DirectoryReverted"),
        (Pattern(@"(\d+) rows; filter (.*); FULL PHONE NUMBERS \(unmasked\)"), "ExportQueueFullPhones"),
        (Pattern(@"(\d+) rows; filter (.*); phones masked"), "ExportQueue"),
        (Pattern(@"(\S+); ranked by (\w+); jurisdiction (\S+); (\d+) rows"), "ExportScorecard"),
    ];

    /// <summary>Every code <see cref="Read"/> gives: each needs its sentence in every language the trail is read in.</summary>
    public static IReadOnlyList<string> Codes { get; } = [.. Known.Select(k => k.Code).Distinct()];

    /// <summary>Reads <paramref name="details"/> as stored; null or empty gives null.</summary>
    public static AuditDetails? Read(string? details)
    {
        if (string.IsNullOrWhiteSpace(details))
        {
            return null;
        }

        foreach (var (pattern, code) in Known)
        {
            if (pattern.Match(details) is { Success: true } match)
            {
                var values = match.Groups.Cast<Group>().Skip(1).Where(g => g.Name != "reason").Select(g => g.Value).ToList();
                var reason = match.Groups["reason"] is { Success: true } r ? r.Value : null;
                return new AuditDetails(code, values, reason);
            }
        }

        return new AuditDetails(null, [details], null);
    }

    /// <summary>Whether <paramref name="value"/> names a record the way a subject does (<c>Cadre:12</c>, <c>User:…</c>).</summary>
    public static bool IsSubject(string value) => SubjectPattern().IsMatch(value);

    private static Regex Exact(string sentence) => new("^" + Regex.Escape(sentence) + "$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));

    private static Regex Pattern(string pattern) => new("^" + pattern + "$", RegexOptions.CultureInvariant | RegexOptions.Singleline, TimeSpan.FromSeconds(1));

    [GeneratedRegex(@"^[A-Za-z]+:[\w-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex SubjectPattern();
}

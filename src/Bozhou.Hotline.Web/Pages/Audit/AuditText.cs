using Bozhou.Hotline.Core.Calendar;

namespace Bozhou.Hotline.Web.Pages.Audit;

/// <summary>
/// An audit entry as a person reads it, in the reader's language: who (the account's name, or the system), what kind of
/// object and which (its name), the details as a sentence (<see cref="AuditDetails"/>), and each changed value before and
/// after, ids named and times in China time. Details this app never wrote, and values it cannot name, show as stored.
/// </summary>
public sealed class AuditText(IStringLocalizer<AdminResource> a, AuditNames names)
{
    /// <summary>One changed value: its label, and its value before and after (null where the entry has none).</summary>
    public sealed record Change(string Label, string? Before, string? After);

    /// <summary>The acting person's name: the account's display name, its stored account name when the account is gone, or "the system".</summary>
    public string Who(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.UserId is null && (entry.UserName.Length == 0 || entry.UserName == AuditActor.System.UserName || entry.UserName == AppealActors.System))
        {
            return a["Audit.System"];
        }

        return names.User(entry.UserId) ?? entry.UserName;
    }

    /// <summary>The object's kind in words ("干部", "Cadre").</summary>
    public string Kind(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var kind = AuditNames.Split(entry.Subject)?.Kind ?? entry.Subject;
        return Label("Audit.Kind." + kind, kind);
    }

    /// <summary>The object's name ("王建华（副市长）"), or what names it when it has none ("2027", "#82" for a record that is gone); empty for a singleton (the settings).</summary>
    public string Name(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AuditNames.Split(entry.Subject) is { } subject ? Named(subject.Kind, subject.Id) : "";
    }

    /// <summary>The details as a sentence in the reader's language, and the person's own reason when there is one.</summary>
    public (string? Sentence, string? Reason) Details(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (AuditDetails.Read(entry.Details) is not { } details)
        {
            return (null, null);
        }

        if (details.Code is null)
        {
            return (details.Values[0], null);
        }

        var values = details.Values.Select(Value).ToArray<object>();
        return (a["Audit.Detail." + details.Code, values].Value, details.Reason);
    }

    /// <summary>The values the entry changed, in the order of their names: each with its value before and after.</summary>
    public IReadOnlyList<Change> Changes(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var before = AuditNames.Fields(entry.Before).ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        var after = AuditNames.Fields(entry.After).ToDictionary(f => f.Field, f => f.Value, StringComparer.Ordinal);
        return [.. before.Keys.Union(after.Keys).Order(StringComparer.Ordinal).Select(field => new Change(
            FieldLabel(field),
            before.TryGetValue(field, out var b) ? Shown(field, b) : null,
            after.TryGetValue(field, out var v) ? Shown(field, v) : null))];
    }

    /// <summary>A value as shown: ids named, yes and no, times in China time, empty as "(empty)".</summary>
    private string Shown(string field, string value)
    {
        if (value.Length == 0)
        {
            return a["Audit.Empty"];
        }

        if (AuditNames.IdFields.TryGetValue(field, out var kind))
        {
            return string.Join(a["Audit.ListSeparator"], value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(id => Named(kind, id)));
        }

        return value switch
        {
            "true" => a["Audit.Yes"],
            "false" => a["Audit.No"],
            _ when value.Length > 19 && value[10] == 'T' && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
                => ChinaTime.ToChina(at).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            _ => value,
        };
    }

    /// <summary>A value of the details: a subject named, anything else as written.</summary>
    private string Value(string value) =>
        AuditDetails.IsSubject(value) && AuditNames.Split(value) is { } subject ? Named(subject.Kind, subject.Id) : Label("Audit.Value." + value, value);

    /// <summary>
    /// A changed value's label: the trail's own (<c>Audit.Field.PostEnd</c>), else the settings form's for a setting
    /// (<c>Clocks:CallbackWorkingDays</c> is labelled as on /admin/settings), else its name as stored.
    /// </summary>
    private string FieldLabel(string field)
    {
        var last = field[(field.LastIndexOf(':') + 1)..];
        foreach (var key in new[] { "Audit.Field." + field.Replace(':', '.'), "Settings." + last, "Settings.SmsText." + last, "Settings.Sms" + last })
        {
            if (a[key] is { ResourceNotFound: false } found)
            {
                return found.Value;
            }
        }

        return field;
    }

    private string Named(string kind, string id) => names.Of(kind, id) ?? (kind is "Calendar" or "CalendarDay" or "Queue" or "Scorecard" or "Directory"
        ? Label($"Audit.Kind.{kind}.{id}", id)
        : "#" + id);

    private string Label(string key, string fallback) => a[key] is { ResourceNotFound: false } found ? found.Value : fallback;
}

using System.Text.Json;
using Bozhou.Hotline.Core.Open311;

namespace Bozhou.Hotline.Web.Pages.Audit;

/// <summary>
/// The names of what a page of the audit trail mentions, read in one query per kind: each account by its display name,
/// each cadre by name and position, each unit, jurisdiction, topic and API client by name, each appeal by its tracking
/// code, in the reader's language. Ids come from the entries' subjects (<c>Cadre:82</c>), the values of their details
/// (<c>new post, after Cadre:81</c>) and the id fields of their before and after (<c>CadreId</c>, <c>TopicIds</c>).
/// A record no longer there keeps its id.
/// </summary>
public sealed class AuditNames
{
    /// <summary>The JSON fields of before and after that hold ids, and the kind each names.</summary>
    public static readonly IReadOnlyDictionary<string, string> IdFields = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["CadreId"] = "Cadre", ["DelegatedCadreId"] = "Cadre", ["SuperiorId"] = "Cadre", ["DepartmentId"] = "Department", ["JurisdictionId"] = "Jurisdiction",
        ["TopicIds"] = "Topic", ["TopicId"] = "Topic", ["StaffUserId"] = "User",
    };

    private readonly Dictionary<string, string> _names = new(StringComparer.Ordinal);

    /// <summary>The name of <c>Kind:Id</c>, or null when it is not a record of a known kind or is no longer there.</summary>
    public string? Of(string kind, string id) => _names.GetValueOrDefault(kind + ":" + id);

    /// <summary>The account's name for <paramref name="userId"/>, or null.</summary>
    public string? User(string? userId) => userId is null ? null : Of("User", userId);

    /// <summary>Reads the names of everything <paramref name="entries"/> mention.</summary>
    public static async Task<AuditNames> LoadAsync(HotlineDbContext db, IReadOnlyList<AuditEntry> entries, bool english, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entries);
        var wanted = new HashSet<(string Kind, string Id)>();
        foreach (var entry in entries)
        {
            if (entry.UserId is { } user)
            {
                wanted.Add(("User", user));
            }

            if (Split(entry.Subject) is { } subject)
            {
                wanted.Add(subject);
            }

            foreach (var value in AuditDetails.Read(entry.Details)?.Values ?? [])
            {
                if (AuditDetails.IsSubject(value) && Split(value) is { } named)
                {
                    wanted.Add(named);
                }
            }

            foreach (var json in new[] { entry.Before, entry.After })
            {
                foreach (var (field, value) in Fields(json))
                {
                    if (IdFields.TryGetValue(field, out var kind))
                    {
                        foreach (var id in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                        {
                            wanted.Add((kind, id));
                        }
                    }
                }
            }
        }

        var names = new AuditNames();
        List<int> Ints(string kind) => [.. wanted.Where(w => w.Kind == kind).Select(w => int.TryParse(w.Id, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).Distinct()];
        List<long> Longs(string kind) => [.. wanted.Where(w => w.Kind == kind).Select(w => long.TryParse(w.Id, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).Distinct()];

        var userIds = wanted.Where(w => w.Kind == "User").Select(w => w.Id).Distinct().ToList();
        if (userIds.Count > 0)
        {
            foreach (var u in await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName, u.UserName, u.Email }).ToListAsync(cancellationToken))
            {
                names.Add("User", u.Id, u.DisplayName.Length > 0 ? u.DisplayName : u.UserName ?? u.Email ?? u.Id);
            }
        }

        if (Ints("Cadre") is { Count: > 0 } cadreIds)
        {
            foreach (var c in await db.Cadres.AsNoTracking().Where(c => cadreIds.Contains(c.Id)).ToListAsync(cancellationToken))
            {
                var position = c.PositionIn(english);
                names.Add("Cadre", c.Id, position.Length == 0 ? c.DisplayName(english) : english ? $"{c.DisplayName(english)}, {position}" : $"{c.Name}（{position}）");
            }
        }

        if (Ints("Department") is { Count: > 0 } departmentIds)
        {
            foreach (var d in await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id)).ToListAsync(cancellationToken))
            {
                names.Add("Department", d.Id, Either(english, d.NameEn, d.NameZh));
            }
        }

        if (Ints("Jurisdiction") is { Count: > 0 } jurisdictionIds)
        {
            foreach (var j in await db.Jurisdictions.AsNoTracking().Where(j => jurisdictionIds.Contains(j.Id)).ToListAsync(cancellationToken))
            {
                names.Add("Jurisdiction", j.Id, Either(english, j.NameEn, j.NameZh));
            }
        }

        if (Ints("Topic") is { Count: > 0 } topicIds)
        {
            foreach (var t in await db.Topics.AsNoTracking().Where(t => topicIds.Contains(t.Id)).ToListAsync(cancellationToken))
            {
                names.Add("Topic", t.Id, Either(english, t.NameEn, t.NameZh));
            }
        }

        if (Ints("ApiClient") is { Count: > 0 } clientIds)
        {
            foreach (var a in await db.ApiClients.AsNoTracking().Where(a => clientIds.Contains(a.Id)).Select(a => new { a.Id, a.Name }).ToListAsync(cancellationToken))
            {
                names.Add("ApiClient", a.Id, a.Name);
            }
        }

        if (Longs("Appeal") is { Count: > 0 } appealIds)
        {
            foreach (var a in await db.Appeals.AsNoTracking().Where(a => appealIds.Contains(a.Id)).Select(a => new { a.Id, a.TrackingCode }).ToListAsync(cancellationToken))
            {
                names.Add("Appeal", a.Id, a.TrackingCode);
            }
        }

        if (Longs("Sms") is { Count: > 0 } smsIds)
        {
            foreach (var m in await db.SmsMessages.AsNoTracking().Where(m => smsIds.Contains(m.Id)).Select(m => new { m.Id, m.ToPhoneMasked }).ToListAsync(cancellationToken))
            {
                names.Add("Sms", m.Id, m.ToPhoneMasked);
            }
        }

        return names;
    }

    /// <summary>The fields of a before or after JSON object, each value as text (numbers and strings as written); none when it is not an object.</summary>
    public static IEnumerable<(string Field, string Value)> Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            return document.RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ValueKind switch
            {
                JsonValueKind.String => p.Value.GetString() ?? "",
                JsonValueKind.Null => "",
                _ => p.Value.GetRawText(),
            })).ToList();
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary><c>Cadre:82</c> as its kind and id; null for a subject without an id (<c>Settings</c>).</summary>
    public static (string Kind, string Id)? Split(string subject)
    {
        var colon = subject?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        return colon > 0 && colon < subject!.Length - 1 ? (subject[..colon], subject[(colon + 1)..]) : null;
    }

    /// <summary>The English name on English pages when there is one, the Chinese name otherwise.</summary>
    private static string Either(bool english, string nameEn, string nameZh) => english && nameEn.Length > 0 ? nameEn : nameZh;

    private void Add(string kind, object id, string name) =>
        _names[kind + ":" + Convert.ToString(id, CultureInfo.InvariantCulture)] = name;
}

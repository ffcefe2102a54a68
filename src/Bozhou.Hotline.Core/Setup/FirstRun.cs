using Bozhou.Hotline.Core.Accounts;
using Bozhou.Hotline.Core.Audit;
using Bozhou.Hotline.Core.Data;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace Bozhou.Hotline.Core.Setup;

/// <summary>What <see cref="FirstRun.RunAsync"/> found and did.</summary>
/// <param name="JurisdictionsCreated">The jurisdictions created now (none when the directory had some).</param>
/// <param name="JurisdictionsFound">The jurisdictions there were before, ended ones included.</param>
/// <param name="TopicsCreated">The topics created now (none when the list had some).</param>
/// <param name="TopicsFound">The topics there were before.</param>
/// <param name="Administrator">The administrator created now, or null when one existed (or creating failed: see <paramref name="Errors"/>).</param>
/// <param name="OneTimePassword">The new administrator's one-time password, to be shown once.</param>
/// <param name="ExistingAdministrators">The e-mail addresses of the enabled administrators there were before (a disabled one cannot sign in, so does not count).</param>
/// <param name="Errors">Why the administrator could not be created (an invalid e-mail address, an address taken by another account).</param>
public sealed record FirstRunResult(
    IReadOnlyList<string> JurisdictionsCreated,
    int JurisdictionsFound,
    int TopicsCreated,
    int TopicsFound,
    HotlineUser? Administrator,
    string? OneTimePassword,
    IReadOnlyList<string> ExistingAdministrators,
    IReadOnlyList<string> Errors)
{
    /// <summary>Whether the run changed nothing: the database had been set up before.</summary>
    public bool NothingCreated => JurisdictionsCreated.Count == 0 && TopicsCreated == 0 && Administrator is null;
}

/// <summary>
/// The first run of a new installation (PRODUCT §8a): what a city needs before its cadre list can be imported and
/// citizens can write in. Idempotent: each part is created only when the database has none of it, so a second run
/// creates nothing. The jurisdictions and topics are one audited administrator's change in one transaction (a
/// single <c>Setup</c> line in the audit trail); the administrator is created by <see cref="AccountAdmin"/>, as
/// <c>create-user</c> and <c>/admin/accounts</c> create accounts, with a one-time password that must be changed at
/// the first sign-in.
/// </summary>
public sealed class FirstRun(HotlineDbContext db, AdminChanges changes, AccountAdmin accounts, UserManager<HotlineUser> users, ILogger<FirstRun> logger)
{
    /// <summary>How long a run waits for another one on the same PostgreSQL database (or an instance migrating it).</summary>
    public static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Creates <paramref name="jurisdictions"/> (in their order) when the directory has no jurisdiction, the default
    /// topics (<see cref="CityDefaults.Topics"/>) when there is no topic, and an administrator
    /// <paramref name="adminEmail"/> named <paramref name="adminName"/> when no enabled account has the Admin role: a city
    /// whose only administrator was disabled (a person who left) gets a new one this way, instead of being locked out.
    /// Two runs at once on one PostgreSQL database take turns under the start-up lock
    /// (<see cref="DatabaseStartupLock"/>, released on every exit path), so the second finds what the first created
    /// instead of creating the city twice; on SQLite, one instance's file, the lock takes nothing.
    /// </summary>
    /// <exception cref="TimeoutException">Another run or a migrating instance held the lock for longer than <see cref="LockTimeout"/>.</exception>
    public async Task<FirstRunResult> RunAsync(
        IReadOnlyList<JurisdictionDefinition> jurisdictions, string adminEmail, string adminName, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jurisdictions);
        await using var startupLock = await DatabaseStartupLock.AcquireAsync(db, LockTimeout, logger, cancellationToken);
        var jurisdictionsFound = await db.Jurisdictions.CountAsync(cancellationToken);
        var topicsFound = await db.Topics.CountAsync(cancellationToken);
        var created = jurisdictionsFound == 0 ? jurisdictions : [];
        var topics = topicsFound == 0 ? CityDefaults.Topics : [];
        if (created.Count > 0 || topics.Count > 0)
        {
            db.Jurisdictions.AddRange(created.Select((j, i) => j.Create(i + 1)));
            db.Topics.AddRange(topics.Select((t, i) => t.Create(i + 1)));
            changes.Summarize("Setup", null, new Dictionary<string, int>
            {
                ["jurisdictions"] = created.Count, ["topics"] = topics.Count,
            }, "first-run setup");
            await changes.SaveAsync(cancellationToken);
        }

        var administrators = (await users.GetUsersInRoleAsync(Roles.Admin)).Where(u => u.DisabledAt is null)
            .Select(u => u.Email ?? u.UserName ?? u.Id).Order(StringComparer.Ordinal).ToList();
        if (administrators.Count > 0)
        {
            return new FirstRunResult([.. created.Select(j => j.NameZh)], jurisdictionsFound, topics.Count, topicsFound, null, null, administrators, []);
        }

        var (user, password, errors) = await accounts.CreateAsync(adminEmail, adminName, Roles.Admin);
        return new FirstRunResult([.. created.Select(j => j.NameZh)], jurisdictionsFound, topics.Count, topicsFound, user, password, [], errors);
    }
}

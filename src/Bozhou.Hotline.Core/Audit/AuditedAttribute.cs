namespace Bozhou.Hotline.Core.Audit;

/// <summary>
/// Marks an entity whose changes made by an administrator are audited: the <c>AuditInterceptor</c> writes one
/// <see cref="AuditAction.AdminChange"/> entry per added, changed or removed row, with the changed properties only.
/// </summary>
/// <remarks>
/// By default every mapped property but the primary key is audited (minus those marked <see cref="NotAuditedAttribute"/>);
/// <see cref="Fields"/> names them instead where the type carries data that must never reach the audit trail
/// (an account's password hash and stamps).
/// </remarks>
/// <param name="kind">The subject's kind: "Cadre" gives subjects like <c>Cadre:45</c>.</param>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class AuditedAttribute(string kind) : Attribute
{
    public string Kind { get; } = kind;

    /// <summary>The only properties audited, when set; the key may be among them.</summary>
    public string[]? Fields { get; init; }

    /// <summary>The property whose value follows the kind in the subject, when not the primary key (a delegation is the staff account's).</summary>
    public string? SubjectKey { get; init; }

    /// <summary>One row of its kind: the subject is the kind alone (<c>Settings</c>).</summary>
    public bool Singleton { get; init; }

    /// <summary>
    /// Audited only where the change is described (<c>AdminChanges.Describe</c>): rows also changed by other paths
    /// (an account's own sign-ins and password changes, a delegation carried over by a change of post).
    /// </summary>
    public bool OnlyWhenDescribed { get; init; }
}

/// <summary>A property of an audited entity left out of its audit entries: state set outside administration (a cadre's availability note), or the save's own stamp.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class NotAuditedAttribute : Attribute;

/// <summary>The name a property has in an audit entry, when not its own (the configuration key a setting replaces).</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class AuditNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}

/// <summary>
/// Audits a collection navigation as the ids it holds: "TopicIds":"3,7" for a cadre's topic tags, in ascending
/// order, comma-separated, empty when none.
/// </summary>
/// <param name="name">The name in the audit entry.</param>
/// <param name="idProperty">The property of the collection's element that holds the id.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class AuditedIdsAttribute(string name, string idProperty) : Attribute
{
    public string Name { get; } = name;

    public string IdProperty { get; } = idProperty;
}

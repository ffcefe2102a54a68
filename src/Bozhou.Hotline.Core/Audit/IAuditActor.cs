namespace Bozhou.Hotline.Core.Audit;

/// <summary>Who acts, for the audit trail: the signed-in user of the request, or the system when no one is (a command, a background job).</summary>
public interface IAuditActor
{
    /// <summary>The user acting now; never null.</summary>
    AuditActor Current { get; }
}

/// <summary>A user's id (null for the system) and the name shown in the audit trail.</summary>
public sealed record AuditActor(string? UserId, string UserName)
{
    /// <summary>The name of changes made by the command line or a background job.</summary>
    public static AuditActor System { get; } = new(null, "system");
}

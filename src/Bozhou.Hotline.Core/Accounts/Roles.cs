namespace Bozhou.Hotline.Core.Accounts;

public static class Roles
{
    public const string Cadre = "Cadre";
    public const string Staff = "Staff";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static readonly string[] All = [Cadre, Staff, Supervisor, Admin];

    /// <summary>
    /// Where a user with <paramref name="roles"/> lands after signing in: the supervision office on <c>/supervision</c>,
    /// an administrator on <c>/admin</c>, cadres and staff on their inbox <c>/workspace</c>.
    /// </summary>
    public static string Home(IEnumerable<string> roles)
    {
        ArgumentNullException.ThrowIfNull(roles);
        var set = roles.ToHashSet(StringComparer.Ordinal);
        return set.Contains(Supervisor) ? "/supervision" : set.Contains(Admin) ? "/admin" : "/workspace";
    }
}

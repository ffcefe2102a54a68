namespace Bozhou.Hotline.Core.Accounts;

public static class Roles
{
    public const string Cadre = "Cadre";
    public const string Staff = "Staff";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";

    public static readonly string[] All = [Cadre, Staff, Supervisor, Admin];
}

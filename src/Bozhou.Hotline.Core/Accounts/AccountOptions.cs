namespace Bozhou.Hotline.Core.Accounts;

/// <summary>Sign-in limits and session lifetimes, from the "Accounts" section.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>Sign-in attempts (POSTs of the login form) one client may make per minute.</summary>
    public int SignInAttemptsPerMinute { get; set; } = 10;

    /// <summary>Failed sign-ins that lock an account.</summary>
    public int MaxFailedSignIns { get; set; } = 5;

    public int LockoutMinutes { get; set; } = 15;

    /// <summary>How long a session lasts without activity.</summary>
    public int SessionHours { get; set; } = 8;

    /// <summary>How long a session lasts from its sign-in, however active (the absolute lifetime).</summary>
    public int SessionMaxHours { get; set; } = 12;
}

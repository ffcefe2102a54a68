using System.ComponentModel.DataAnnotations;

namespace Bozhou.Hotline.Core.Data;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the default, one machine) or <c>Postgres</c> (larger or several instances).</summary>
    [Required(ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>
    /// SQLite only: how long a writer waits for the app's write gate before its request fails (seconds, 1–300;
    /// default 30, as long as SQLite's own lock would be waited for).
    /// </summary>
    [Range(1, 300, ErrorMessage = "Database:WriteGateTimeoutSeconds must be between 1 and 300.")]
    public double WriteGateTimeoutSeconds { get; set; } = SqliteWriteGate.DefaultTimeout.TotalSeconds;

    /// <summary>
    /// SQLite only: a writer waiting longer than this (seconds, 1–300; default 10) turns <c>/healthz</c> unhealthy.
    /// </summary>
    [Range(1, 300, ErrorMessage = "Database:WriteGateStuckSeconds must be between 1 and 300.")]
    public double WriteGateStuckSeconds { get; set; } = SqliteWriteGate.DefaultStuckAfter.TotalSeconds;

    /// <summary>
    /// PostgreSQL only: how long a starting instance waits while another migrates and seeds the database
    /// (<see cref="DatabaseStartupLock"/>; seconds, 10–3600; default 600) before it gives up and exits.
    /// </summary>
    [Range(10, 3600)]
    public double StartupLockTimeoutSeconds { get; set; } = 600;

    public bool IsPostgres => Provider == "Postgres";
}

using System.ComponentModel.DataAnnotations;

namespace Bozhou.Hotline.Web.Hosting;

public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary><c>Sqlite</c> (the default, one machine) or <c>Postgres</c> (larger or several instances).</summary>
    [Required]
    [RegularExpression("^(Sqlite|Postgres)$", ErrorMessage = "Database:Provider must be Sqlite or Postgres.")]
    public string Provider { get; set; } = "Sqlite";

    /// <summary>Apply pending migrations when the app starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    public bool IsPostgres => Provider == "Postgres";
}

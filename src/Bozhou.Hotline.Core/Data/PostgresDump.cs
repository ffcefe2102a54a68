using System.Data.Common;
using System.Text;

namespace Bozhou.Hotline.Core.Data;

/// <summary>The <c>pg_dump</c> and <c>pg_restore</c> command lines for the configured PostgreSQL database.</summary>
/// <remarks>
/// The lines name the host, port, user and database of the connection string and never its password: an
/// operator gives that through <c>~/.pgpass</c> or <c>PGPASSWORD</c>, so it stays out of shell histories and
/// process lists. The custom format (<c>--format=custom</c>) is compressed and is what <c>pg_restore</c> reads.
/// </remarks>
public static class PostgresDump
{
    /// <summary>The <c>pg_dump</c> line writing the database of <paramref name="connectionString"/> to <paramref name="file"/>.</summary>
    public static string DumpCommand(string connectionString, string file) =>
        "pg_dump --format=custom " + Target(connectionString) + " --file=" + Quote(file);

    /// <summary>The <c>pg_restore</c> line putting <paramref name="file"/> back into the database of <paramref name="connectionString"/>.</summary>
    public static string RestoreCommand(string connectionString, string file) =>
        "pg_restore --clean --if-exists --no-owner " + Target(connectionString) + " " + Quote(file);

    private static string Target(string connectionString)
    {
        var parts = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var line = new StringBuilder();
        Add(line, "host", Value(parts, "Host", "Server"));
        Add(line, "port", Value(parts, "Port"));
        Add(line, "username", Value(parts, "Username", "User Name", "UserName", "User Id", "UserId", "User"));
        Add(line, "dbname", Value(parts, "Database", "DB"));
        return line.ToString().Trim();
    }

    private static string? Value(DbConnectionStringBuilder parts, params string[] keys)
    {
        foreach (var key in keys)
        {
            if (parts.TryGetValue(key, out var value) && value?.ToString() is { Length: > 0 } text)
            {
                return text;
            }
        }

        return null;
    }

    private static void Add(StringBuilder line, string option, string? value)
    {
        if (value is not null)
        {
            line.Append(" --").Append(option).Append('=').Append(Quote(value));
        }
    }

    /// <summary>A word safe to paste into a POSIX shell: quoted unless it is plain.</summary>
    private static string Quote(string value) =>
        value.Length > 0 && value.All(c => char.IsAsciiLetterOrDigit(c) || "-_./:@%+=,".Contains(c))
            ? value
            : "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

using System.Diagnostics.CodeAnalysis;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// The outside parts some tests need. Missing ones skip the test with the reason printed, except
/// under <c>CI=true</c>, where a missing part is a failure: CI must test on the real parts.
/// </summary>
public static class Requires
{
    public const string PostgresVariable = "HOTLINE_TEST_POSTGRES";

    public static bool InCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>An administrator connection string to a PostgreSQL server that tests may create databases on.</summary>
    public static string Postgres()
    {
        var connectionString = Environment.GetEnvironmentVariable(PostgresVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            Missing($"PostgreSQL is not available: {PostgresVariable} is not set (./test.sh starts a throwaway server and sets it).");
        }

        return connectionString;
    }

    /// <summary>The path of Debian's Chromium (or another Chromium on PATH).</summary>
    public static string Chromium()
    {
        string[] names = ["chromium", "chromium-browser", "google-chrome"];
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            foreach (var name in names)
            {
                var candidate = Path.Combine(dir, name);
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        Missing("Chromium is not on PATH (./test.sh installs Debian's chromium package).");
        return "";
    }

    /// <summary>The path of wrk, the HTTP benchmarking tool the bench scripts drive (Debian package <c>wrk</c>).</summary>
    public static string Wrk()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(dir, "wrk");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Missing("wrk is not on PATH (./test.sh installs Debian's wrk package).");
        return "";
    }

    /// <summary>The variable <c>./test.sh</c> sets to the path of Debian's nginx.</summary>
    public const string NginxVariable = "HOTLINE_TEST_NGINX";

    /// <summary>The path of nginx (Debian package <c>nginx</c>): <see cref="NginxVariable"/>, PATH, or <c>/usr/sbin/nginx</c>.</summary>
    public static string Nginx()
    {
        var configured = Environment.GetEnvironmentVariable(NginxVariable);
        if (!string.IsNullOrWhiteSpace(configured) && File.Exists(configured))
        {
            return configured;
        }

        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        foreach (var dir in path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Append("/usr/sbin"))
        {
            var candidate = Path.Combine(dir, "nginx");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        Missing($"nginx is not installed ({NginxVariable} is not set and no nginx is on PATH or in /usr/sbin; ./test.sh installs Debian's nginx package).");
        return "";
    }

    [DoesNotReturn]
    private static void Missing(string reason)
    {
        if (InCi)
        {
            Assert.Fail(reason + " Under CI=true this is a failure, not a skip.");
        }

        Assert.Skip(reason);
    }
}

using System.Security.Cryptography;

namespace Bozhou.Hotline.UnitTests.Data;

/// <summary>
/// Migrations are history: once released, a migration is never edited, renamed or removed, or databases made by an
/// earlier release could not be upgraded. <c>scripts/release-migrations.sh</c> lists each released migration with
/// its SHA-256 in <c>released-migrations.sha256</c> beside its project.
/// </summary>
public class ReleasedMigrationsTests
{
    public static TheoryData<string> Providers => new() { "Sqlite", "Postgres" };

    [Theory]
    [MemberData(nameof(Providers))]
    public void Every_released_migration_is_kept_unchanged(string provider)
    {
        var project = Path.Combine(RepositoryRoot(), "src", "Bozhou.Hotline.Migrations." + provider);
        var manifest = Path.Combine(project, "released-migrations.sha256");
        var lines = File.ReadAllLines(manifest).Where(l => l.Length > 0).ToList();
        Assert.NotEmpty(lines);

        foreach (var line in lines)
        {
            var hash = line[..64];
            var file = line[66..];
            var path = Path.Combine(project, file);
            Assert.True(File.Exists(path), $"The released migration {file} ({provider}) is gone: released migrations are never removed or renamed.");
            Assert.True(hash == Sha256(path), $"The released migration {file} ({provider}) was edited: add a new migration instead (scripts/add-migration.sh).");
        }
    }

    /// <summary>The SHA-256 of the file's bytes without carriage returns, as the script computes it.</summary>
    private static string Sha256(string path) =>
        Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path).Where(b => b != (byte)'\r').ToArray()));

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bozhou.Hotline.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Bozhou.Hotline.sln not found above " + AppContext.BaseDirectory);
    }
}

namespace Bozhou.Hotline.Core.Data;

public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>Fill an empty database with the demonstration directory, accounts and appeals.</summary>
    public bool Demo { get; set; }

    /// <summary>The password of the demo accounts; required when <see cref="Demo"/> is on.</summary>
    public string? DemoPassword { get; set; }
}

/// <summary>
/// One part of the demonstration data (directory, accounts, appeals). Parts run in <see cref="Order"/>
/// after migration when <c>Seed:Demo</c> is true; each checks for itself whether it has already run.
/// </summary>
public interface IDemoSeed
{
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}

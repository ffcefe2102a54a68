namespace Bozhou.Hotline.Core.Demo;

/// <summary>
/// One part of the demonstration data (directory, accounts, appeals). Parts run in <see cref="Order"/>
/// after migration when <c>Seed:Demo</c> is true; each checks for itself whether it has already run.
/// </summary>
public interface IDemoSeed
{
    int Order { get; }

    Task SeedAsync(CancellationToken cancellationToken);
}

namespace Bozhou.Hotline.Core.Demo;

/// <summary>The demonstration directory (<see cref="DemoDirectory"/>), written once into an empty directory.</summary>
public sealed class DirectoryDemoSeed(HotlineDbContext db, ILogger<DirectoryDemoSeed> logger) : IDemoSeed
{
    public int Order => 10;

    public async Task SeedAsync(CancellationToken cancellationToken)
    {
        if (await db.Jurisdictions.AnyAsync(cancellationToken))
        {
            return;
        }

        var demo = DemoDirectory.Build();
        db.Jurisdictions.AddRange(demo.Jurisdictions);
        db.Topics.AddRange(demo.Topics);
        db.Cadres.AddRange(demo.Cadres);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Seeded the demonstration directory: {Cadres} cadres, {Topics} topics", demo.Cadres.Count, demo.Topics.Count);
    }
}

namespace Bozhou.Hotline.Core.Demo;

/// <summary>
/// The demonstration data, from the "Seed" section: on in Development (appsettings.Development.json), off
/// unless asked for elsewhere; Production refuses to start with it on and no <see cref="DemoPassword"/>.
/// </summary>
public sealed class SeedOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Seed";

    /// <summary>Fill an empty database with the demonstration directory, accounts and appeals.</summary>
    public bool Demo { get; set; }

    /// <summary>The password of the demo accounts; required when <see cref="Demo"/> is on.</summary>
    public string? DemoPassword { get; set; }
}

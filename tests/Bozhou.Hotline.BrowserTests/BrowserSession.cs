using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Bozhou.Hotline.BrowserTests;

/// <summary>
/// The app on a real Kestrel port and Debian's Chromium driven by Playwright. Screenshots go to
/// <c>screenshots/</c> beside the test output, where CI keeps them.
/// </summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run", "--disable-quic",
    ];

    private readonly List<(IBrowserContext Context, string Folder)> _profiles = [];

    private IPlaywright? _playwright;

    private BrowserSession(HotlineFactory factory) => Factory = factory;

    public HotlineFactory Factory { get; }

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public static string ScreenshotDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<BrowserSession> StartAsync(HotlineFactory? factory = null)
    {
        var chromium = Requires.Chromium();
        var session = new BrowserSession(factory ?? new HotlineFactory());
        session.Factory.UseKestrel(0);
        session.Factory.StartServer();
        var address = session.Factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        session.BaseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal).Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        session._playwright = await Playwright.CreateAsync();
        session.Browser = await session._playwright.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        return session;
    }

    /// <summary>A page on a phone-sized screen (most callers are on phones) or a desktop one.</summary>
    public async Task<IPage> NewPageAsync(bool phone = false)
    {
        var context = await Browser.NewContextAsync(phone
            ? new() { ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true, Locale = "zh-CN", BaseURL = BaseAddress.ToString() }
            : new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "zh-CN", BaseURL = BaseAddress.ToString() });
        return await context.NewPageAsync();
    }

    /// <summary>
    /// A page in a Chromium profile of its own in a temporary folder, rather than an off-the-record context like
    /// <see cref="NewPageAsync"/>'s: Chromium judges a web app installable only outside incognito.
    /// </summary>
    public async Task<IPage> NewProfilePageAsync(bool phone = false)
    {
        var folder = Directory.CreateTempSubdirectory("hotline-chromium-").FullName;
        var options = new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = Requires.Chromium(), Headless = true, Args = ChromiumArgs, Locale = "zh-CN", BaseURL = BaseAddress.ToString(),
            ViewportSize = phone ? new() { Width = 390, Height = 844 } : new() { Width = 1280, Height = 900 }, IsMobile = phone, HasTouch = phone,
        };
        var context = await _playwright!.Chromium.LaunchPersistentContextAsync(folder, options);
        _profiles.Add((context, folder));
        return context.Pages.Count > 0 ? context.Pages[0] : await context.NewPageAsync();
    }

    public static async Task<string> ScreenshotAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        Directory.CreateDirectory(ScreenshotDirectory);
        var path = Path.Combine(ScreenshotDirectory, name + ".png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        return path;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (context, folder) in _profiles)
        {
            await context.DisposeAsync();
            Directory.Delete(folder, recursive: true);
        }

        if (Browser is not null)
        {
            await Browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Factory.DisposeAsync();
    }
}

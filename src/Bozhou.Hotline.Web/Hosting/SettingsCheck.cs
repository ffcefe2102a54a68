using Bozhou.Hotline.Core.Data;
using Microsoft.Extensions.Options;

namespace Bozhou.Hotline.Web.Hosting;

/// <summary>
/// Every setting checked before anything opens the database, for the server and every command alike: first what the
/// composition itself needs (the database's provider and file, the key-ring certificate:
/// <see cref="HotlineDataServices.Refusals"/>), then, once built, every option registered with <c>ValidateOnStart</c>
/// (the phone-hash key, the clocks, the SMS gateway, the proxies, …), all at once instead of at the host's start,
/// which comes after the migration. A refused start names each wrong setting on standard error and leaves no
/// database file behind.
/// </summary>
public static class SettingsCheck
{
    /// <summary>Whether the settings the composition reads are refused (then reported); call before any <c>AddX</c>.</summary>
    /// <exception cref="InvalidOperationException">Refused, when the app is hosted by a test host rather than run: the test host reports it.</exception>
    public static bool RefusesSettings(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return Refused(HotlineDataServices.Refusals(builder.Configuration, builder.Environment));
    }

    /// <summary>Whether an option fails its start-up validation (then reported); call right after <c>Build()</c>.</summary>
    /// <exception cref="InvalidOperationException">Refused, when the app is hosted by a test host rather than run: the test host reports it.</exception>
    public static bool RefusesSettings(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        try
        {
            app.Services.GetService<IStartupValidator>()?.Validate();
            return false;
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException or AggregateException)
        {
            // A value that breaks its rule, or one that cannot be read as its type ("Failed to convert configuration
            // value at 'Clocks:MaxTransfers' to type 'System.Int32'"): each named.
            return Refused([.. Failures(e)]);
        }
    }

    private static IEnumerable<string> Failures(Exception e) => e switch
    {
        OptionsValidationException invalid => invalid.Failures,
        AggregateException all => all.InnerExceptions.SelectMany(Failures),
        _ => [e.Message],
    };

    private static bool Refused(IReadOnlyList<string> refusals)
    {
        if (refusals.Count == 0)
        {
            return false;
        }

        if (!ContentRootSetup.AppIsEntryPoint)
        {
            // A test host (WebApplicationFactory) learns of a refusal from the exception the entry point ends with.
            throw new InvalidOperationException(string.Join(" ", refusals));
        }

        Console.Error.WriteLine(refusals.Count == 1
            ? "Bozhou Hotline did not start: a setting is wrong. No database was opened or created."
            : $"Bozhou Hotline did not start: {refusals.Count} settings are wrong. No database was opened or created.");
        foreach (var refusal in refusals)
        {
            Console.Error.WriteLine("  - " + refusal);
        }

        return true;
    }
}

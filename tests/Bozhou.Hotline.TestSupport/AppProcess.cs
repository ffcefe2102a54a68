using System.Diagnostics;
using System.Text;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// The built app run as an operator runs it: <c>dotnet Bozhou.Hotline.Web.dll ARGS</c> as a child process, in
/// Production unless told otherwise, with the given environment variables (the way a service's environment file
/// gives its settings) and working directory.
/// </summary>
public sealed class AppProcess : IDisposable
{
    /// <summary>The phone-hash key the tests' child processes run with.</summary>
    public const string PhoneHashKey = "test-only-phone-hash-key-0123456789abcdef";

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AppProcess(Process process)
    {
        _process = process;
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The folder of <c>Bozhou.Hotline.sln</c>, found upwards from the test's own folder.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var root = new DirectoryInfo(AppContext.BaseDirectory);
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "Bozhou.Hotline.sln")))
            {
                root = root.Parent;
            }

            return root?.FullName ?? throw new InvalidOperationException("Bozhou.Hotline.sln not found above " + AppContext.BaseDirectory);
        }
    }

    /// <summary>The web project's own build output (what a publish copies), in the test's configuration and framework.</summary>
    public static string AppFolder
    {
        get
        {
            // tests/<project>/bin/<Configuration>/<tfm>/ → src/Bozhou.Hotline.Web/bin/<Configuration>/<tfm>/
            var testFolder = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            return Path.Combine(RepositoryRoot, "src", "Bozhou.Hotline.Web", "bin", testFolder.Parent!.Name, testFolder.Name);
        }
    }

    /// <summary>
    /// The settings of a Production install as environment variables: the phone-hash key, the test key-ring
    /// certificate and warnings only in the log; the test adds the connection string.
    /// </summary>
    public static Dictionary<string, string?> ProductionSettings() => new(StringComparer.Ordinal)
    {
        ["ASPNETCORE_ENVIRONMENT"] = "Production",
        ["DOTNET_ENVIRONMENT"] = null,
        ["Privacy__PhoneHashKey"] = PhoneHashKey,
        ["DataProtection__CertificatePath"] = TestCertificates.KeyRing,
        ["DataProtection__CertificatePassword"] = TestCertificates.Password,
        ["Serilog__MinimumLevel__Default"] = "Warning",
    };

    /// <summary>Everything the process wrote to its standard output and error so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Whether the process has ended, and its exit code then.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Starts <c>dotnet APP/Bozhou.Hotline.Web.dll ARGS</c> in <paramref name="workingDirectory"/> (default: the app's folder).</summary>
    public static AppProcess Start(IReadOnlyDictionary<string, string?> environment, string? workingDirectory, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory ?? AppFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppFolder, "Bozhou.Hotline.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(key);
            }
            else
            {
                start.Environment[key] = value;
            }
        }

        return new AppProcess(Process.Start(start)!);
    }

    /// <summary>
    /// Runs a command to its end and returns its exit code and output. <paramref name="timeout"/> (default ten minutes,
    /// the suite's hang limit) only stops a hung command: on a loaded machine a start of the app alone can take minutes.
    /// </summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(
        IReadOnlyDictionary<string, string?> environment, string? workingDirectory, TimeSpan? timeout, params string[] args)
    {
        using var app = Start(environment, workingDirectory, args);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromMinutes(10));
        await app._process.WaitForExitAsync(cancel.Token);
        // The asynchronous readers have the last lines once WaitForExit without a timeout returns.
        app._process.WaitForExit();
        return (app._process.ExitCode, app.Output);
    }

    /// <summary>
    /// Waits until the app answers 200 on <c>/healthz/live</c> through <paramref name="client"/> (true), or until it exits or
    /// 300 s pass (false): on a loaded machine a start can take minutes.
    /// </summary>
    public async Task<bool> WaitForLiveAsync(HttpClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        var deadline = DateTime.UtcNow.AddSeconds(300);
        while (DateTime.UtcNow < deadline && !HasExited)
        {
            try
            {
                using var response = await client.GetAsync(new Uri("/healthz/live", UriKind.Relative));
                if (response.StatusCode == System.Net.HttpStatusCode.OK)
                {
                    return true;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        return false;
    }

    /// <summary>Ends the process (and any child of it) if it is still running.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }
}

using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.IntegrationTests.Admin;

public partial class CreateUserCommandTests
{
    private const string PhoneHashKey = "test-only-phone-hash-key-0123456789abcdef";

    /// <summary>Runs the built app as an operator would, e.g. <c>create-user --email E --role Admin</c>.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAppAsync(string sqlitePath, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Bozhou.Hotline.Web.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add($"--Privacy:PhoneHashKey={PhoneHashKey}");
        start.ArgumentList.Add($"--ConnectionStrings:Hotline=Data Source={sqlitePath}");
        start.ArgumentList.Add("--Serilog:MinimumLevel:Default=Warning");
        start.ArgumentList.Add($"--DataProtection:CertificatePath={TestCertificates.KeyRing}");
        start.ArgumentList.Add($"--DataProtection:CertificatePassword={TestCertificates.Password}");
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await errors);
    }

    [GeneratedRegex(@"One-time password \(shown once; it must be changed at the first sign-in\): (\S+)")]
    private static partial Regex PasswordLine();

    [Fact]
    public async Task Create_user_prints_a_one_time_password_that_signs_in_to_the_forced_password_change()
    {
        // The command makes the first administrator of a new install: it migrates the absent file itself.
        using var factory = new HotlineFactory().WithEmptyDatabase();

        var (exitCode, output, errors) = await RunAppAsync(factory.SqlitePath, "create-user", "--email", "first-admin@bozhou.gov.cn", "--role", "Admin");

        Assert.True(exitCode == 0, $"create-user exited {exitCode}: {output} {errors}");
        var password = PasswordLine().Match(output).Groups[1].Value;
        Assert.Equal(16, password.Length);
        using var client = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var signIn = await WorkspaceTestData.SubmitLoginAsync(client, "first-admin@bozhou.gov.cn", password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith("/account/change-password", signIn.Headers.Location!.OriginalString, StringComparison.Ordinal);
        // The one-time password opens nothing but the change of password.
        using var admin = await client.GetAsync(new Uri("/admin", UriKind.Relative), TestContext.Current.CancellationToken);
        Assert.StartsWith("/account/change-password", admin.Headers.Location!.OriginalString, StringComparison.Ordinal);

        var again = await RunAppAsync(factory.SqlitePath, "create-user", "--email", "first-admin@bozhou.gov.cn", "--role", "Admin");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("was not created", again.Errors, StringComparison.Ordinal);
        var badRole = await RunAppAsync(factory.SqlitePath, "create-user", "--email", "x@bozhou.gov.cn", "--role", "Mayor");
        Assert.Equal(2, badRole.ExitCode);
        Assert.Contains("Unknown role 'Mayor'", badRole.Errors, StringComparison.Ordinal);
    }
}

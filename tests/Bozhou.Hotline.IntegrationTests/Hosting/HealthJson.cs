using System.Net;
using System.Text.Json;
using Bozhou.Hotline.TestSupport;

namespace Bozhou.Hotline.IntegrationTests.Hosting;

/// <summary><c>/healthz</c> as a monitor reads it: the HTTP status and the JSON body's checks.</summary>
internal sealed record HealthJson(HttpStatusCode Code, string MediaType, string Status, IReadOnlyDictionary<string, HealthJson.Check> Checks)
{
    public sealed record Check(string Status, string Description, double DurationMs);

    public static async Task<HealthJson> GetAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri("/healthz", UriKind.Relative), TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var json = JsonDocument.Parse(body);
        var checks = json.RootElement.GetProperty("checks").EnumerateArray().ToDictionary(
            c => c.GetProperty("name").GetString()!,
            c => new Check(c.GetProperty("status").GetString()!, c.GetProperty("description").GetString()!, c.GetProperty("durationMs").GetDouble()));
        return new HealthJson(response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", json.RootElement.GetProperty("status").GetString()!, checks);
    }

    public static async Task<HealthJson> GetAsync(HotlineFactory factory)
    {
        using var client = factory.CreateClient();
        return await GetAsync(client);
    }
}

using System.Text.Json;
using Bozhou.Hotline.Core.Phones;

namespace Bozhou.Hotline.Core.Sms;

/// <summary>Sends one SMS; returns the gateway's id for it, or throws when it was not accepted.</summary>
public interface ISmsGateway
{
    Task<string> SendAsync(string phoneE164, string body, CancellationToken cancellationToken);
}

/// <summary>The default gateway: writes each message to the log (masked), for installations without an SMS contract.</summary>
public sealed class LogSmsGateway(ILogger<LogSmsGateway> logger) : ISmsGateway
{
    public Task<string> SendAsync(string phoneE164, string body, CancellationToken cancellationToken)
    {
        var id = "log-" + Guid.NewGuid().ToString("N")[..12];
        logger.LogInformation("SMS {Id} to {Phone}: {Body}", id, ChinesePhone.Mask(phoneE164), body);
        return Task.FromResult(id);
    }
}

/// <summary>
/// POSTs <c>{"to": "+86…", "body": "…"}</c> (UTF-8 JSON, sent whole with its <c>Content-Length</c>: many gateways
/// refuse a chunked body) to the configured URL, with the API key (when set) in <c>X-Api-Key</c>. A 2xx answer is accepted, its <c>id</c> (when it has one) kept; anything else throws,
/// and the outbox retries later.
/// </summary>
public sealed class HttpSmsGateway(HttpClient http, IOptions<SmsOptions> options) : ISmsGateway
{
    public async Task<string> SendAsync(string phoneE164, string body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(settings.Url!, UriKind.Absolute))
        {
            // Serialized first, so the length is known and no chunked transfer encoding is used.
            Content = new ByteArrayContent(JsonSerializer.SerializeToUtf8Bytes(new SmsRequest(phoneE164, body), JsonOptions)),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        if (!string.IsNullOrEmpty(settings.ApiKey))
        {
            request.Headers.Add("X-Api-Key", settings.ApiKey);
        }

        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"SMS gateway answered {(int)response.StatusCode}: {Shorten(text)}", null, response.StatusCode);
        }

        return GatewayId(text) ?? $"http-{(int)response.StatusCode}";
    }

    private static string? GatewayId(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("id", out var id)
                ? id.ToString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200];

    private sealed record SmsRequest(string To, string Body);
}

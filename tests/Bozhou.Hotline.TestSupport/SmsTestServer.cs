using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// A stand-in SMS gateway: a minimal Kestrel app on 127.0.0.1 and a free port that records each request
/// and can be told to fail the first N of them (or all).
/// </summary>
public sealed class SmsTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _failuresLeft;

    private SmsTestServer(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedSms> Received { get; } = new();

    /// <summary>Each request's framing as the server read it: its <c>Content-Length</c> (null when none) and <c>Transfer-Encoding</c>.</summary>
    public ConcurrentQueue<(long? ContentLength, string TransferEncoding)> Framing { get; } = new();

    /// <summary>The URL to configure as <c>Sms:Url</c>.</summary>
    public string Url { get; private set; } = "";

    public int Requests => Received.Count;

    /// <summary>How long the gateway takes to answer each request (0: at once), to hold a send in flight.</summary>
    public TimeSpan Delay { get; set; }

    public static async Task<SmsTestServer> StartAsync(int failFirst = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new SmsTestServer(app) { _failuresLeft = failFirst };
        app.MapPost("/send", async (HttpContext http) =>
        {
            server.Framing.Enqueue((http.Request.ContentLength, http.Request.Headers.TransferEncoding.ToString()));
            using var json = await JsonDocument.ParseAsync(http.Request.Body);
            var root = json.RootElement;
            server.Received.Enqueue(new ReceivedSms(
                root.GetProperty("to").GetString()!, root.GetProperty("body").GetString()!, http.Request.Headers["X-Api-Key"].ToString()));
            if (server.Delay > TimeSpan.Zero)
            {
                await Task.Delay(server.Delay, CancellationToken.None);
            }

            if (Interlocked.Decrement(ref server._failuresLeft) >= 0)
            {
                return Results.Text("gateway overloaded", statusCode: StatusCodes.Status503ServiceUnavailable);
            }

            return Results.Json(new { id = "gw-" + server.Received.Count });
        });
        await app.StartAsync();
        server.Url = app.Urls.Single().TrimEnd('/') + "/send";
        return server;
    }

    /// <summary>The texts received for one phone (E.164), in order.</summary>
    public IReadOnlyList<string> To(string phoneE164) => [.. Received.Where(r => r.To == phoneE164).Select(r => r.Body)];

    /// <summary>Every request from now on fails.</summary>
    public void FailAlways() => _failuresLeft = int.MaxValue;

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public sealed record ReceivedSms(string To, string Body, string ApiKey);

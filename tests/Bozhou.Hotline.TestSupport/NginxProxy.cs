using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Bozhou.Hotline.TestSupport;

/// <summary>
/// A throwaway nginx in a temporary folder: TLS on a free loopback port with a certificate made by the test,
/// proxying to the app as a production nginx would (client address appended to <c>X-Forwarded-For</c>, the scheme
/// in <c>X-Forwarded-Proto</c>), connecting to the app from <see cref="SourceAddress"/> so that the app can tell the
/// proxy from a client that comes straight to it.
/// </summary>
public sealed class NginxProxy : IDisposable
{
    /// <summary>The address nginx connects to the app from (<c>proxy_bind</c>): the app's one known proxy in the tests.</summary>
    public static readonly IPAddress SourceAddress = IPAddress.Parse("127.0.0.2");

    /// <summary>The name the certificate is made for.</summary>
    public const string ServerName = "hotline.test";

    private readonly string _folder;
    private readonly Process _process;

    private NginxProxy(string folder, Process process, Uri address, X509Certificate2 certificate)
    {
        _folder = folder;
        _process = process;
        Address = address;
        Certificate = certificate;
    }

    /// <summary>The proxy's HTTPS address.</summary>
    public Uri Address { get; }

    /// <summary>The proxy's self-signed certificate, which the test's clients trust and nothing else does.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>Starts nginx in front of <paramref name="app"/> (an <c>http://127.0.0.1:port</c> address) and waits until it listens.</summary>
    public static async Task<NginxProxy> StartAsync(Uri app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var nginx = Requires.Nginx();
        var folder = Path.Combine(Path.GetTempPath(), "bozhou-hotline-tests", "nginx-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var (certificatePem, keyPem, certificate) = TestCertificates.CreateTlsPem(folder, ServerName);
        var port = FreePort();
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, string.Create(CultureInfo.InvariantCulture, $$"""
            daemon off;
            master_process off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 128; }
            http {
                access_log off;
                client_body_temp_path {{folder}}/body;
                proxy_temp_path {{folder}}/proxy;
                fastcgi_temp_path {{folder}}/fastcgi;
                uwsgi_temp_path {{folder}}/uwsgi;
                scgi_temp_path {{folder}}/scgi;
                server {
                    listen 127.0.0.1:{{port}} ssl;
                    server_name {{ServerName}};
                    ssl_certificate {{certificatePem}};
                    ssl_certificate_key {{keyPem}};
                    location / {
                        proxy_pass {{app.GetLeftPart(UriPartial.Authority)}};
                        proxy_bind {{SourceAddress}};
                        proxy_set_header Host $host;
                        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                        proxy_set_header X-Forwarded-Proto $scheme;
                    }
                }
            }
            """));

        var process = Process.Start(new ProcessStartInfo(nginx)
        {
            ArgumentList = { "-e", Path.Combine(folder, "error.log"), "-p", folder, "-c", config },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        })!;
        var proxy = new NginxProxy(folder, process, new Uri($"https://127.0.0.1:{port}/"), certificate);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (process.HasExited)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                proxy.Dispose();
                throw new InvalidOperationException($"nginx exited ({process.ExitCode}): {await process.StandardError.ReadToEndAsync()} {log}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return proxy;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>
    /// A client that connects from <paramref name="source"/> (any 127.0.0.0/8 address is this machine's own) to
    /// <paramref name="baseAddress"/>, trusting only the proxy's certificate, keeping its cookies, not following redirects.
    /// </summary>
    public HttpClient ClientFrom(IPAddress source, Uri? baseAddress = null) => CreateClient(source, baseAddress ?? Address, Certificate);

    /// <summary>A plain client connecting from <paramref name="source"/> to <paramref name="baseAddress"/>.</summary>
    public static HttpClient CreateClient(IPAddress source, Uri baseAddress, X509Certificate2? trusted = null)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = new CookieContainer(),
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
                try
                {
                    socket.Bind(new IPEndPoint(source, 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        if (trusted is not null)
        {
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                certificate is not null && certificate.GetCertHashString() == trusted.GetCertHashString();
        }

        return new HttpClient(handler) { BaseAddress = baseAddress };
    }

    /// <summary>A TCP port free on 127.0.0.1 at the moment of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Stops nginx (this process only) and removes its folder.</summary>
    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill();
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        Certificate.Dispose();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS's temp cleaning.
        }
    }
}

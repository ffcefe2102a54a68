using System.Text.Json;
using System.Xml.Linq;
using Bozhou.Hotline.IntegrationTests.Workspace;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.IntegrationTests.Open311;

/// <summary>
/// An Open311 client over <see cref="WorkspaceTestData"/>'s world: keys issued through the real /admin page, and every
/// answer of the API kept, so that a test can scan them all for the caller's name and phone.
/// </summary>
internal sealed class Open311Kit(HotlineFactory factory) : IDisposable
{
    /// <summary>The caller's name and mobile in the posts; never to be seen in an answer.</summary>
    public const string CallerFamilyName = "欧阳";
    public const string CallerGivenName = "秀兰";
    public const string CallerPhone = "13905581234";

    private readonly List<string> _answers = [];

    public HotlineFactory Factory { get; } = factory;

    public WorkspaceTestData Data { get; } = new(factory);

    public HttpClient Http { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public WorkspaceWorld World => Data.World;

    public async Task SeedAsync() => await Data.SeedAsync();

    /// <summary>Issues a key through the admin page's form, as an administrator does, and reads it from the answer.</summary>
    public async Task<string> IssueKeyAsync(string name = "谯城区政务服务 App", int perMinute = 30)
    {
        using var admin = await Data.SignInAsync(WorkspaceWorld.AdminEmail);
        var page = await admin.GetPageAsync("/admin/api-clients");
        using var response = await admin.SubmitAsync(page.QuerySelector<IHtmlFormElement>("#issue-key")!,
            Html.Fields(("Input.Name", name), ("Input.RequestsPerMinute", perMinute.ToString(CultureInfo.InvariantCulture))));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await Html.ParseAsync(response);
        return answer.QuerySelector("#issued-key-value")!.TextContent.Trim();
    }

    /// <summary>The fields of a valid post to 李明 about transport, <paramref name="changes"/> replacing or (with null) removing some.</summary>
    public Dictionary<string, string> ValidPost(string key, params (string Name, string? Value)[] changes)
    {
        var fields = new Dictionary<string, string>
        {
            ["api_key"] = key,
            ["jurisdiction_id"] = "city",
            ["service_code"] = TestWorld.TransportTopic.Code,
            ["cadre_id"] = World.LiId.ToString(CultureInfo.InvariantCulture),
            ["description"] = "汤陵路与光明路交叉口红绿灯损坏三天，早晚高峰拥堵严重。",
            ["address_string"] = "谯城区汤陵路与光明路交叉口",
            ["lat"] = "33.8446",
            ["long"] = "115.7787",
            ["last_name"] = CallerFamilyName,
            ["first_name"] = CallerGivenName,
            ["phone"] = CallerPhone,
            ["consent"] = "true",
        };
        foreach (var (name, value) in changes)
        {
            if (value is null)
            {
                fields.Remove(name);
            }
            else
            {
                fields[name] = value;
            }
        }

        return fields;
    }

    public async Task<(HttpResponseMessage Response, string Body)> PostAsync(string format, Dictionary<string, string> fields, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/open311/v2/requests.{format}") { Content = new FormUrlEncodedContent(fields) };
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await SendAsync(request);
    }

    public async Task<(HttpResponseMessage Response, string Body)> GetAsync(string path, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await SendAsync(request);
    }

    public static JsonElement Json(string body) => JsonDocument.Parse(body).RootElement;

    public static XElement Xml(string body)
    {
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", body, StringComparison.Ordinal);
        return XDocument.Parse(body).Root!;
    }

    /// <summary>The error list's codes and descriptions, in JSON or XML as the specification writes them.</summary>
    public static IReadOnlyList<(int Code, string Description)> Errors(string format, string body) =>
        format == "json"
            ? [.. Json(body).EnumerateArray().Select(e => (e.GetProperty("code").GetInt32(), e.GetProperty("description").GetString()!))]
            : Xml(body) is { Name.LocalName: "errors" } errors
                ? [.. errors.Elements("error").Select(e => (int.Parse(e.Element("code")!.Value, CultureInfo.InvariantCulture), e.Element("description")!.Value))]
                : throw new Xunit.Sdk.XunitException("Not an error list: " + body);

    public Task<int> AppealCountAsync() => Data.QueryAsync(db => db.Appeals.CountAsync());

    /// <summary>Keeps an answer read by another client (another instance), for <see cref="AssertNoCallerData"/>.</summary>
    public async Task KeepAsync(HttpResponseMessage response) =>
        _answers.Add(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

    /// <summary>No answer of the API kept so far holds the caller's name or phone, in any of the ways a phone is written.</summary>
    public void AssertNoCallerData()
    {
        Assert.NotEmpty(_answers);
        string[] secrets =
        [
            CallerFamilyName + CallerGivenName, CallerGivenName, CallerPhone, "139 0558 1234", "+86" + CallerPhone, "5581234", "139****1234",
            "王女士", WorkspaceTestData.CallerPhone[3..], WorkspaceTestData.CallerPhoneMasked,
        ];
        foreach (var answer in _answers)
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, answer, StringComparison.Ordinal);
            }
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        Factory.Dispose();
    }

    private async Task<(HttpResponseMessage Response, string Body)> SendAsync(HttpRequestMessage request)
    {
        var response = await Http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        _answers.Add(string.Join('\n', response.Headers.Concat(response.Content.Headers).Select(h => h.Key + ": " + string.Join(",", h.Value))) + "\n" + body);
        return (response, body);
    }
}

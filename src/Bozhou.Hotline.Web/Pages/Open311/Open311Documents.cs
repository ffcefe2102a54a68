using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using System.Xml.Linq;

namespace Bozhou.Hotline.Web.Pages.Open311;

/// <summary>
/// The documents of Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2), written in JSON or XML with the
/// specification's element names: each record's <see cref="JsonPropertyNameAttribute"/> is its name in both formats.
/// </summary>
public static class Open311Documents
{
    public const string Json = "json";
    public const string Xml = "xml";

    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        // Chinese stays readable characters, as the specification's UTF-8 everywhere asks.
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>True for the formats served: <c>json</c> and <c>xml</c>.</summary>
    public static bool IsFormat(string? format) => format is Json or Xml;

    /// <summary>A list of <paramref name="rows"/>: a JSON array, or <c>&lt;root&gt;&lt;item&gt;…&lt;/item&gt;&lt;/root&gt;</c>.</summary>
    public static IResult List<T>(string format, string root, string item, IEnumerable<T> rows, int statusCode = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(rows);
        return format == Json
            ? Results.Json(rows, JsonOptions, "application/json; charset=utf-8", statusCode)
            : XmlResult(new XElement(root, rows.Select(r => Element(item, r!))), statusCode);
    }

    /// <summary>The specification's error list, answered with the status of the gravest error.</summary>
    public static IResult Errors(string format, IReadOnlyList<Open311Error> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return List(format, "errors", "error", errors, errors.Max(e => e.Code));
    }

    /// <summary>The service discovery document (http://wiki.open311.org/Service_discovery).</summary>
    public static IResult Discovery(string format, Open311Discovery discovery)
    {
        ArgumentNullException.ThrowIfNull(discovery);
        if (format == Json)
        {
            return Results.Json(discovery, JsonOptions, "application/json; charset=utf-8");
        }

        return XmlResult(new XElement("discovery",
            new XElement("changeset", discovery.Changeset),
            new XElement("contact", discovery.Contact),
            new XElement("key_service", discovery.KeyService),
            new XElement("endpoints", discovery.Endpoints.Select(e => new XElement("endpoint",
                new XElement("specification", e.Specification),
                new XElement("url", e.Url),
                new XElement("changeset", e.Changeset),
                new XElement("type", e.Type),
                new XElement("formats", e.Formats.Select(f => new XElement("format", f))))))), StatusCodes.Status200OK);
    }

    /// <summary>An instant as the specification writes it: ISO 8601 with the offset, in China time (+08:00).</summary>
    public static string DateTime(DateTimeOffset instant) =>
        ChinaTime.ToChina(instant).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture);

    private static XElement Element(string name, object row) =>
        new(name, row.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (Name: p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name, Value: p.GetValue(row)))
            .Where(p => p.Name is not null)
            .Select(p => new XElement(p.Name!, p.Value switch
            {
                null => null,
                bool b => b ? "true" : "false",
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString(),
            })));

    private static IResult XmlResult(XElement root, int statusCode)
    {
        var document = new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        return Results.Text(document.Declaration + "\n" + document.Root, "text/xml; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
    }
}

/// <summary>One error of the specification's error list: an HTTP status code and what went wrong.</summary>
public sealed record Open311Error(
    [property: JsonPropertyName("code")] int Code,
    [property: JsonPropertyName("description")] string Description);

/// <summary>A service: one of the active topics (service_code = the topic's code).</summary>
public sealed record Open311Service(
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("description")] string Description,
    [property: JsonPropertyName("metadata")] bool Metadata,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("keywords")] string Keywords,
    [property: JsonPropertyName("group")] string Group);

/// <summary>
/// A service request as anyone may read it: the appeal's public fields only (no caller data, no description in the
/// caller's words, no place). Dates are ISO 8601 in China time.
/// </summary>
public sealed record Open311Request(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("status_notes")] string? StatusNotes,
    [property: JsonPropertyName("service_name")] string ServiceName,
    [property: JsonPropertyName("service_code")] string ServiceCode,
    [property: JsonPropertyName("agency_responsible")] string AgencyResponsible,
    [property: JsonPropertyName("service_notice")] string? ServiceNotice,
    [property: JsonPropertyName("requested_datetime")] string RequestedDatetime,
    [property: JsonPropertyName("updated_datetime")] string UpdatedDatetime,
    [property: JsonPropertyName("expected_datetime")] string? ExpectedDatetime);

/// <summary>The answer to a stored POST: the tracking code as service_request_id (type realtime: no token).</summary>
public sealed record Open311Created(
    [property: JsonPropertyName("service_request_id")] string ServiceRequestId,
    [property: JsonPropertyName("service_notice")] string ServiceNotice,
    [property: JsonPropertyName("account_id")] string? AccountId);

/// <summary>The service discovery document.</summary>
public sealed record Open311Discovery(
    [property: JsonPropertyName("changeset")] string Changeset,
    [property: JsonPropertyName("contact")] string Contact,
    [property: JsonPropertyName("key_service")] string KeyService,
    [property: JsonPropertyName("endpoints")] IReadOnlyList<Open311Endpoint> Endpoints);

/// <summary>One endpoint of the discovery document.</summary>
public sealed record Open311Endpoint(
    [property: JsonPropertyName("specification")] string Specification,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("changeset")] string Changeset,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("formats")] IReadOnlyList<string> Formats);

using Bozhou.Hotline.Web.Pages.Open311;

namespace Bozhou.Hotline.Web.Hosting;

public static class Open311Setup
{
    /// <summary>The OpenAPI document's name: served at <c>/openapi/open311.json</c>.</summary>
    public const string DocumentName = "open311";

    private const string JsonType = "application/json";
    private const string XmlType = "text/xml";

    /// <summary>Open311 GeoReport v2: the API keys, the public requests query and the OpenAPI description.</summary>
    public static WebApplicationBuilder AddOpen311(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApiKeys>();
        builder.Services.AddScoped<PublicRequests>();
        // Only the Open311 endpoints: health, metrics and the culture switch are not part of the published interface.
        builder.Services.AddOpenApi(DocumentName, o => o.ShouldInclude = d => d.GroupName == DocumentName);
        return builder;
    }

    /// <summary>The endpoints under <c>/open311/v2/</c>, each in <c>.json</c> and <c>.xml</c>, and their OpenAPI description.</summary>
    public static WebApplication MapOpen311(this WebApplication app)
    {
        var v2 = app.MapGroup("/open311/v2").WithGroupName(DocumentName).WithTags("Open311 GeoReport v2");
        v2.MapGet("/discovery.{format}", Open311Endpoints.Discovery)
            .WithName("Discovery").WithSummary("Service discovery: the endpoint, its formats and where API keys come from")
            .Produces<Open311Discovery>(StatusCodes.Status200OK, JsonType, XmlType);
        v2.MapGet("/services.{format}", Open311Endpoints.Services)
            .WithName("GetServices").WithSummary("The active topics as services")
            .Produces<Open311Service[]>(StatusCodes.Status200OK, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status404NotFound, JsonType, XmlType);
        v2.MapGet("/requests.{format}", Open311Endpoints.Requests)
            .WithName("GetServiceRequests").WithSummary("Public fields of the appeals asked for (never a confidential one), newest first, at most 1000")
            .Produces<Open311Request[]>(StatusCodes.Status200OK, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status400BadRequest, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status404NotFound, JsonType, XmlType);
        v2.MapGet("/requests/{id}.{format}", Open311Endpoints.Request)
            .WithName("GetServiceRequest").WithSummary("Public fields of one appeal by its tracking code")
            .Produces<Open311Request[]>(StatusCodes.Status200OK, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status404NotFound, JsonType, XmlType);
        // A program posts with its API key, not a browser's cookie: there is no form to forge.
        v2.MapPost("/requests.{format}", Open311Endpoints.Post)
            .DisableAntiforgery()
            .WithName("PostServiceRequest").WithSummary("Log an appeal with an API key; answers the tracking code as service_request_id")
            .Produces<Open311Created[]>(StatusCodes.Status200OK, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status400BadRequest, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status403Forbidden, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status404NotFound, JsonType, XmlType)
            .Produces<Open311Error[]>(StatusCodes.Status429TooManyRequests, JsonType, XmlType);
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}

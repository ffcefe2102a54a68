using Bozhou.Hotline.Core.Open311;
using Bozhou.Hotline.Web.Pages.Appeals;
using Microsoft.Net.Http.Headers;

namespace Bozhou.Hotline.Web.Pages.Open311;

/// <summary>
/// Open311 GeoReport v2 under <c>/open311/v2/</c> (PRODUCT §8b): discovery, services (the active topics), requests
/// (the appeals' public fields) and posting an appeal with an API key. Each answer is JSON or XML by the path's
/// <c>.json</c> or <c>.xml</c>; errors are the specification's list of code and description, in Chinese or
/// English by Accept-Language (Chinese unless English is preferred).
/// </summary>
public static class Open311Endpoints
{
    /// <summary>The date of the last change to this interface, as the discovery document's changeset.</summary>
    public const string Changeset = "2026-12-01T00:00:00+08:00";

    public const string Specification = "http://wiki.open311.org/GeoReport_v2";

    /// <summary>GET discovery: where the endpoint is, what it speaks, where keys come from.</summary>
    public static IResult Discovery(string format, HttpRequest request, IStringLocalizer<Open311Resource> l)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(l);
        if (!Open311Documents.IsFormat(format))
        {
            return Results.NotFound();
        }

        UseLanguageOf(request);
        var url = $"{request.Scheme}://{request.Host}{request.PathBase}/open311/v2";
        return Open311Documents.Discovery(format, new Open311Discovery(
            Changeset, l["Discovery.Contact"], l["Discovery.KeyService"],
            [new Open311Endpoint(Specification, url, Changeset, "production", ["text/xml", "application/json"])]));
    }

    /// <summary>GET services: the active topics, one service each.</summary>
    public static async Task<IResult> Services(
        string format, [FromQuery(Name = "jurisdiction_id")] string? jurisdictionId,
        HttpRequest request, HotlineDbContext db, IStringLocalizer<Open311Resource> l, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(l);
        if (!Open311Documents.IsFormat(format))
        {
            return Results.NotFound();
        }

        var english = UseLanguageOf(request);
        if (await UnknownJurisdictionAsync(db, jurisdictionId, l, cancellationToken) is { } error)
        {
            return Open311Documents.Errors(format, [error]);
        }

        var topics = await db.Topics.AsNoTracking().Where(t => t.IsActive).OrderBy(t => t.Order).ToListAsync(cancellationToken);
        return Open311Documents.List(format, "services", "service", topics.Select(t => new Open311Service(
            t.Code, t.Name(english),
            l[t.Kind == TopicKind.Consultation ? "Service.ConsultationDescription" : "Service.MatterDescription", t.Name(english)],
            false, "realtime", string.Join(',', new[] { t.NameZh, t.NameEn }.Where(n => n.Length > 0).Distinct()),
            l["Group." + t.Kind])));
    }

    /// <summary>GET requests: the public fields of the appeals asked for, never a confidential one.</summary>
    public static async Task<IResult> Requests(
        string format, [AsParameters] Open311RequestsQuery query,
        HttpRequest request, HotlineDbContext db, PublicRequests requests, TimeProvider time, IStringLocalizer<Open311Resource> l,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(l);
        if (!Open311Documents.IsFormat(format))
        {
            return Results.NotFound();
        }

        var english = UseLanguageOf(request);
        var errors = new List<Open311Error>();
        if (await UnknownJurisdictionAsync(db, query.JurisdictionId, l, cancellationToken) is { } unknown)
        {
            errors.Add(unknown);
        }

        var start = Instant(query.StartDate, "start_date", l, errors);
        var end = Instant(query.EndDate, "end_date", l, errors);
        bool? closed = null;
        var statuses = Lower(List(query.Status));
        if (statuses is not null)
        {
            if (statuses.Any(s => s is not ("open" or "closed")))
            {
                errors.Add(new Open311Error(StatusCodes.Status400BadRequest, l["Error.Status"]));
            }
            else if (statuses.Distinct().Count() == 1)
            {
                closed = statuses[0] == "closed";
            }
        }

        if (start > end)
        {
            errors.Add(new Open311Error(StatusCodes.Status400BadRequest, l["Error.DateOrder"]));
        }

        if (errors.Count > 0)
        {
            return Open311Documents.Errors(format, errors);
        }

        var rows = await requests.ListAsync(
            new PublicRequests.Query(
                List(query.ServiceRequestId)?.ConvertAll(id => id.ToUpperInvariant()), Lower(List(query.ServiceCode)), start, end, closed, query.JurisdictionId?.Trim().ToLowerInvariant()),
            english, time.GetUtcNow(), cancellationToken);
        return Open311Documents.List(format, "service_requests", "request", rows);
    }

    /// <summary>GET requests/{id}: one appeal's public fields by its tracking code; 404 for an unknown or confidential one.</summary>
    public static async Task<IResult> Request(
        string id, string format, HttpRequest request, PublicRequests requests, IStringLocalizer<Open311Resource> l, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(requests);
        ArgumentNullException.ThrowIfNull(l);
        if (!Open311Documents.IsFormat(format))
        {
            return Results.NotFound();
        }

        var english = UseLanguageOf(request);
        var row = await requests.FindAsync(id.Trim().ToUpperInvariant(), english, cancellationToken);
        return row is null
            ? Open311Documents.Errors(format, [new Open311Error(StatusCodes.Status404NotFound, l["Error.RequestNotFound", id])])
            : Open311Documents.List(format, "service_requests", "request", [row]);
    }

    /// <summary>
    /// POST requests: logs an appeal through the web form's validator and intake, answering the tracking code as
    /// service_request_id. A missing or revoked key (403), a key over its rate (429) and any invalid parameter (400, or
    /// 404 for an unknown service_code or jurisdiction_id) store nothing.
    /// </summary>
    public static async Task<IResult> Post(
        string format, [AsParameters] Open311PostForm form, [AsParameters] Open311PostServices post, HttpContext http, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(post);
        ArgumentNullException.ThrowIfNull(http);
        if (!Open311Documents.IsFormat(format))
        {
            return Results.NotFound();
        }

        UseLanguageOf(http.Request);
        var (l, keys, db) = (post.Localizer, post.Keys, post.Db);
        var client = await keys.FindActiveAsync(form.ApiKey, cancellationToken);
        if (client is null)
        {
            return Open311Documents.Errors(format, [new Open311Error(StatusCodes.Status403Forbidden, l[string.IsNullOrWhiteSpace(form.ApiKey) ? "Error.ApiKeyMissing" : "Error.ApiKeyInvalid"])]);
        }

        if (await keys.TryTakeAsync(client, cancellationToken) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
            return Open311Documents.Errors(format, [new Open311Error(StatusCodes.Status429TooManyRequests, l["Error.RateLimited", client.RequestsPerMinute])]);
        }

        var errors = new List<Open311Error>();
        if (await UnknownJurisdictionAsync(db, form.JurisdictionId, l, cancellationToken) is { } unknown)
        {
            errors.Add(unknown);
        }

        int? topicId = null;
        if (string.IsNullOrWhiteSpace(form.ServiceCode))
        {
            errors.Add(new Open311Error(StatusCodes.Status400BadRequest, l["Error.ServiceCodeMissing"]));
        }
        else
        {
            var code = form.ServiceCode.Trim().ToLowerInvariant();
            topicId = await db.Topics.AsNoTracking().Where(t => t.IsActive && t.Code == code).Select(t => (int?)t.Id).SingleOrDefaultAsync(cancellationToken);
            if (topicId is null)
            {
                errors.Add(new Open311Error(StatusCodes.Status404NotFound, l["Error.ServiceCodeNotFound", form.ServiceCode]));
            }
        }

        var now = post.Time.GetUtcNow();
        var input = form.ToInput(topicId, now, out var unreadable);
        errors.AddRange(unreadable.Select(p => new Open311Error(StatusCodes.Status400BadRequest, l["Error.Parameter", p, l["Error.Boolean"]])));
        var validation = await post.Validator.ValidateAsync(input, cancellationToken);
        errors.AddRange(validation.Errors
            // A missing or unknown service_code was named above; the validator's own word for it would repeat it.
            .Where(e => !(e.PropertyName == nameof(NewAppealInput.TopicId) && topicId is null))
            // A flag that was neither true nor false was named above too.
            .Where(e => !unreadable.Contains(Open311PostForm.ParameterOf.GetValueOrDefault(e.PropertyName, e.PropertyName)))
            .Select(e => new Open311Error(StatusCodes.Status400BadRequest,
                l["Error.Parameter", Open311PostForm.ParameterOf.GetValueOrDefault(e.PropertyName, e.PropertyName), e.ErrorMessage])));
        if (errors.Count == 0 && form.JurisdictionId is { Length: > 0 } jurisdiction
            && !await InJurisdictionAsync(db, int.Parse(input.CadreId!, CultureInfo.InvariantCulture), jurisdiction, cancellationToken))
        {
            errors.Add(new Open311Error(StatusCodes.Status400BadRequest, l["Error.CadreOutsideJurisdiction", jurisdiction]));
        }

        // The topic may have been retired since it was looked up: refused like an unknown one, as the form does.
        var topicKind = topicId is { } id ? await post.Directory.ActiveTopicKindAsync(id, cancellationToken) : null;
        if (errors.Count == 0 && topicKind is null)
        {
            errors.Add(new Open311Error(StatusCodes.Status404NotFound, l["Error.ServiceCodeNotFound", form.ServiceCode!]));
        }

        if (errors.Count > 0)
        {
            return Open311Documents.Errors(format, errors);
        }

        var clock = await post.Clocks.GetAsync(cancellationToken);
        var appeal = await post.Intake.LogAsync(
            input.ToNewAppeal(topicKind!.Value, EventActor.Caller), input.Name, input.PhoneE164(), clock, now, cancellationToken);
        post.Logs.CreateLogger(typeof(Open311Endpoints).FullName!).LogInformation("Open311 client {ClientId} logged appeal {AppealId}", client.Id, appeal.Id);
        return Open311Documents.List(format, "service_requests", "request",
            [new Open311Created(appeal.TrackingCode, l["Notice.Logged", appeal.TrackingCode], null)]);
    }

    /// <summary>
    /// Sets the request's culture from Accept-Language: English when the most preferred of the languages offered is
    /// English, Chinese otherwise. Returns true for English.
    /// </summary>
    public static bool UseLanguageOf(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var preferred = request.GetTypedHeaders().AcceptLanguage
            .Where(l => l.Quality is not 0)
            .OrderByDescending(l => l.Quality ?? 1)
            .Select(l => l.Value.Value ?? "")
            .FirstOrDefault(v => v.StartsWith("en", StringComparison.OrdinalIgnoreCase) || v.StartsWith("zh", StringComparison.OrdinalIgnoreCase));
        var english = preferred?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        var culture = english ? Hosting.LocalizationSetup.English : Hosting.LocalizationSetup.Chinese;
        CultureInfo.CurrentCulture = culture;
        CultureInfo.CurrentUICulture = culture;
        return english;
    }

    private static async Task<Open311Error?> UnknownJurisdictionAsync(
        HotlineDbContext db, string? code, IStringLocalizer<Open311Resource> l, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        var lower = code.Trim().ToLowerInvariant();
        return await db.Jurisdictions.AsNoTracking().AnyAsync(j => j.Code == lower && j.EndedOn == null, cancellationToken)
            ? null
            : new Open311Error(StatusCodes.Status404NotFound, l["Error.JurisdictionNotFound", code]);
    }

    private static Task<bool> InJurisdictionAsync(HotlineDbContext db, int cadreId, string code, CancellationToken cancellationToken)
    {
        var lower = code.Trim().ToLowerInvariant();
        return db.Cadres.AsNoTracking().AnyAsync(c => c.Id == cadreId && c.Department.Jurisdiction.Code == lower, cancellationToken);
    }

    private static DateTimeOffset? Instant(string? value, string parameter, IStringLocalizer<Open311Resource> l, List<Open311Error> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            && at.Year is >= 2000 and <= 2100)
        {
            return at.ToUniversalTime();
        }

        errors.Add(new Open311Error(StatusCodes.Status400BadRequest, l["Error.Date", parameter]));
        return null;
    }

    private static List<string>? List(string? value) =>
        string.IsNullOrWhiteSpace(value)
            ? null
            : [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static List<string>? Lower(List<string>? values) => values?.ConvertAll(v => v.ToLowerInvariant());
}

/// <summary>The query parameters of GET requests, named as the specification names them.</summary>
public sealed record Open311RequestsQuery
{
    [FromQuery(Name = "jurisdiction_id")] public string? JurisdictionId { get; init; }

    /// <summary>Tracking codes, comma-separated; when given, the other filters are ignored.</summary>
    [FromQuery(Name = "service_request_id")] public string? ServiceRequestId { get; init; }

    /// <summary>Topic codes, comma-separated.</summary>
    [FromQuery(Name = "service_code")] public string? ServiceCode { get; init; }

    /// <summary>ISO 8601 instant; default 90 days before end_date.</summary>
    [FromQuery(Name = "start_date")] public string? StartDate { get; init; }

    /// <summary>ISO 8601 instant; default now.</summary>
    [FromQuery(Name = "end_date")] public string? EndDate { get; init; }

    /// <summary>open, closed, or both comma-separated.</summary>
    [FromQuery(Name = "status")] public string? Status { get; init; }
}

/// <summary>The services POST requests uses to log the appeal as the web form does.</summary>
public sealed record Open311PostServices(
    ApiKeys Keys,
    HotlineDbContext Db,
    IValidator<NewAppealInput> Validator,
    IntakeDirectory Directory,
    AppealIntake Intake,
    AppealClockSource Clocks,
    TimeProvider Time,
    IStringLocalizer<Open311Resource> Localizer,
    ILoggerFactory Logs);

using Bozhou.Hotline.Web.Pages.Appeals;

namespace Bozhou.Hotline.Web.Pages.Open311;

/// <summary>
/// The parameters of POST requests: the specification's own (api_key, jurisdiction_id, service_code, description,
/// address_string, lat, long, first_name, last_name, phone) and the documented extras the web form asks for that the
/// specification has no name for (cadre_id, consent, confidential, caller_type, enterprise_name, called_at,
/// call_outcome). docs/open311.md maps each to the form's field.
/// </summary>
public sealed record Open311PostForm
{
    [FromForm(Name = "api_key")] public string? ApiKey { get; init; }

    [FromForm(Name = "jurisdiction_id")] public string? JurisdictionId { get; init; }

    [FromForm(Name = "service_code")] public string? ServiceCode { get; init; }

    [FromForm(Name = "description")] public string? Description { get; init; }

    [FromForm(Name = "address_string")] public string? AddressString { get; init; }

    [FromForm(Name = "lat")] public string? Lat { get; init; }

    [FromForm(Name = "long")] public string? Long { get; init; }

    [FromForm(Name = "first_name")] public string? FirstName { get; init; }

    [FromForm(Name = "last_name")] public string? LastName { get; init; }

    [FromForm(Name = "phone")] public string? Phone { get; init; }

    /// <summary>Extra: the cadre the appeal is raised with (the id the public directory shows); required.</summary>
    [FromForm(Name = "cadre_id")] public string? CadreId { get; init; }

    /// <summary>Extra: "true" when the caller agrees to be contacted back; required, as on the form.</summary>
    [FromForm(Name = "consent")] public string? Consent { get; init; }

    /// <summary>Extra: "true" when the caller asks for confidentiality; default false.</summary>
    [FromForm(Name = "confidential")] public string? Confidential { get; init; }

    /// <summary>Extra: Individual (default) or Enterprise.</summary>
    [FromForm(Name = "caller_type")] public string? CallerType { get; init; }

    /// <summary>Extra: the enterprise's name, required with caller_type=Enterprise.</summary>
    [FromForm(Name = "enterprise_name")] public string? EnterpriseName { get; init; }

    /// <summary>Extra: when the citizen called or texted the cadre, ISO 8601 with offset; default the time of the post.</summary>
    [FromForm(Name = "called_at")] public string? CalledAt { get; init; }

    /// <summary>Extra: what happened on that call (Answered, NotAnswered, BusyOrOff, SmsSent, SmsReplyReceived); default NotAnswered.</summary>
    [FromForm(Name = "call_outcome")] public string? CallOutcome { get; init; }

    /// <summary>The Open311 parameter each field of the web form's input comes from, to name it in an error.</summary>
    public static readonly IReadOnlyDictionary<string, string> ParameterOf = new Dictionary<string, string>
    {
        [nameof(NewAppealInput.CadreId)] = "cadre_id",
        [nameof(NewAppealInput.CalledAt)] = "called_at",
        [nameof(NewAppealInput.Outcome)] = "call_outcome",
        [nameof(NewAppealInput.CallerType)] = "caller_type",
        [nameof(NewAppealInput.EnterpriseName)] = "enterprise_name",
        [nameof(NewAppealInput.Name)] = "last_name",
        [nameof(NewAppealInput.Phone)] = "phone",
        [nameof(NewAppealInput.TopicId)] = "service_code",
        [nameof(NewAppealInput.Description)] = "description",
        [nameof(NewAppealInput.ConsentToContact)] = "consent",
        [nameof(NewAppealInput.Place)] = "address_string",
        [nameof(NewAppealInput.Latitude)] = "lat",
        [nameof(NewAppealInput.Longitude)] = "long",
    };

    /// <summary>
    /// The web form's input these parameters make, for the form's own validator: the name is the family name then the
    /// given name (Chinese order), a boolean is "true" or "false" (anything else is refused), the call time is
    /// converted to the form's China-local time.
    /// </summary>
    public NewAppealInput ToInput(int? topicId, DateTimeOffset now, out IReadOnlyList<string> unreadable)
    {
        var refused = new List<string>();
        var input = new NewAppealInput
        {
            CadreId = CadreId,
            CalledAt = CalledAtInput(CalledAt, now),
            Outcome = string.IsNullOrWhiteSpace(CallOutcome) ? nameof(Core.Appeals.CallOutcome.NotAnswered) : CallOutcome,
            CallerType = string.IsNullOrWhiteSpace(CallerType) ? nameof(Core.Appeals.CallerType.Individual) : CallerType,
            EnterpriseName = EnterpriseName,
            Name = string.Concat(LastName?.Trim(), FirstName?.Trim()) is { Length: > 0 } name ? name : null,
            Phone = Phone,
            TopicId = topicId?.ToString(CultureInfo.InvariantCulture),
            Description = Description,
            Confidential = Flag(Confidential, "confidential", refused),
            ConsentToContact = Flag(Consent, "consent", refused),
            Place = AddressString,
            Latitude = Lat,
            Longitude = Long,
        }.Cleaned();
        unreadable = refused;
        return input;
    }

    private static bool Flag(string? value, string parameter, List<string> refused)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return false;
        }

        if (bool.TryParse(value.Trim(), out var flag))
        {
            return flag;
        }

        refused.Add(parameter);
        return false;
    }

    /// <summary>An ISO 8601 instant as the form's China-local datetime; anything unreadable is passed on for the validator to refuse.</summary>
    private static string CalledAtInput(string? value, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return FormValues.ToChinaLocalInput(now);
        }

        return DateTimeOffset.TryParse(value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? FormValues.ToChinaLocalInput(at)
            : value;
    }
}

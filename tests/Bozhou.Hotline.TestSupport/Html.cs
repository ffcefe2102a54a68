using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Bozhou.Hotline.TestSupport;

/// <summary>Reads pages and submits their real forms, antiforgery token and all, as a browser would.</summary>
public static class Html
{
    private static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> ParseAsync(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        var html = await response.Content.ReadAsStringAsync();
        return await Parser.ParseDocumentAsync(html);
    }

    /// <summary>GETs a page that must answer 200 and parses it.</summary>
    public static async Task<IHtmlDocument> GetPageAsync(this HttpClient client, string url)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri(url, UriKind.RelativeOrAbsolute));
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}.");
        return await ParseAsync(response);
    }

    /// <summary>
    /// Submits a form with the values a browser would send (hidden fields such as the antiforgery
    /// token included), <paramref name="values"/> replacing or adding fields. Cancelling aborts the request.
    /// </summary>
    public static Task<HttpResponseMessage> SubmitAsync(
        this HttpClient client, IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>>? values = null, string? pageUrl = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        return client.PostAsync(Action(form, pageUrl), new FormUrlEncodedContent(FieldsOf(form, values, multipart: false)), cancellationToken);
    }

    /// <summary>
    /// Submits a form as <c>multipart/form-data</c>, as a browser does for a form with a file input (or a client
    /// that chooses to): the same fields as <see cref="SubmitAsync"/>, and <paramref name="files"/> as uploads
    /// (field name, file name, content).
    /// </summary>
    public static Task<HttpResponseMessage> SubmitMultipartAsync(
        this HttpClient client, IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>>? values = null,
        IEnumerable<(string Name, string FileName, byte[] Content)>? files = null, string? pageUrl = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(form);
        var content = new MultipartFormDataContent();
        foreach (var (name, value) in FieldsOf(form, values, multipart: true))
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, fileName, bytes) in files ?? [])
        {
            content.Add(new ByteArrayContent(bytes), name, fileName);
        }

        return client.PostAsync(Action(form, pageUrl), content);
    }

    /// <summary>
    /// Whether a browser lets <paramref name="value"/> be submitted in <paramref name="input"/>: within its
    /// <c>maxlength</c> and <c>minlength</c> (UTF-16 units, as browsers count) and matching its <c>pattern</c>,
    /// which browsers read as a JavaScript regular expression anchored as <c>^(?:pattern)$</c>.
    /// </summary>
    public static bool BrowserAccepts(IHtmlInputElement input, string value)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(value);
        if (int.TryParse(input.GetAttribute("maxlength"), out var max) && value.Length > max)
        {
            return false;
        }

        if (int.TryParse(input.GetAttribute("minlength"), out var min) && value.Length > 0 && value.Length < min)
        {
            return false;
        }

        var pattern = input.GetAttribute("pattern");
        return pattern is null || value.Length == 0
            || System.Text.RegularExpressions.Regex.IsMatch(value, "^(?:" + pattern + ")$", System.Text.RegularExpressions.RegexOptions.ECMAScript);
    }

    /// <summary>The fields a browser would post for the form as it stands, and the address it posts to.</summary>
    public static (Uri Action, IReadOnlyList<KeyValuePair<string, string>> Fields) Snapshot(IHtmlFormElement form, string pageUrl)
    {
        ArgumentNullException.ThrowIfNull(form);
        return (Action(form, pageUrl), FieldsOf(form, null, multipart: false));
    }

    private static List<KeyValuePair<string, string>> FieldsOf(IHtmlFormElement form, IEnumerable<KeyValuePair<string, string>>? values, bool multipart)
    {
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            switch (element)
            {
                case IHtmlInputElement input when !input.IsDisabled && !string.IsNullOrEmpty(input.Name):
                    if (input.Type is "checkbox" or "radio" && !input.IsChecked)
                    {
                        continue;
                    }

                    // A multipart body carries a file input's file, not its name: the caller adds the files.
                    if (input.Type is "submit" or "button" or "image" or "reset" || (multipart && input.Type == "file"))
                    {
                        continue;
                    }

                    fields.Add(new(input.Name, input.Value));
                    break;
                case IHtmlTextAreaElement area when !area.IsDisabled && !string.IsNullOrEmpty(area.Name):
                    fields.Add(new(area.Name, area.Value));
                    break;
                case IHtmlSelectElement select when !select.IsDisabled && !string.IsNullOrEmpty(select.Name):
                    var selected = select.SelectedOptions.FirstOrDefault() ?? select.Options.FirstOrDefault();
                    if (selected is not null)
                    {
                        fields.Add(new(select.Name, selected.Value));
                    }

                    break;
            }
        }

        foreach (var (name, value) in values ?? [])
        {
            fields.RemoveAll(f => f.Key == name);
            fields.Add(new(name, value));
        }

        return fields;
    }

    private static Uri Action(IHtmlFormElement form, string? pageUrl)
    {
        var action = form.GetAttribute("action");
        if (string.IsNullOrEmpty(action))
        {
            action = pageUrl ?? throw new ArgumentException("The form has no action; pass the page's URL.", nameof(pageUrl));
        }

        return new Uri(action, UriKind.RelativeOrAbsolute);
    }

    /// <summary>Values from pairs: <c>Fields(("Input.Name", "张三"), …)</c>.</summary>
    public static IEnumerable<KeyValuePair<string, string>> Fields(params (string Name, string Value)[] pairs) =>
        pairs.Select(p => new KeyValuePair<string, string>(p.Name, p.Value));
}

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>Reading and posting the workspace's pages as a browser would.</summary>
internal static class WorkspacePages
{
    public static Task<AngleSharp.Html.Dom.IHtmlDocument> AppealAsync(HttpClient client, long id) => client.GetPageAsync($"/workspace/appeals/{id}");

    /// <summary>Opens the appeal page and posts one of its forms with the given fields.</summary>
    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, long id, string formId, params (string Name, string Value)[] fields)
    {
        var page = await AppealAsync(client, id);
        var form = page.QuerySelector<IHtmlFormElement>("#" + formId);
        Assert.True(form is not null, $"The appeal page has no form #{formId}.");
        return await client.SubmitAsync(form, Html.Fields(fields));
    }

    public static IReadOnlyList<long> InboxIds(IHtmlDocument page) =>
        [.. page.QuerySelectorAll(".inbox-row").Select(r => long.Parse(r.GetAttribute("data-appeal-id")!, System.Globalization.CultureInfo.InvariantCulture))];

    public static IReadOnlyList<string> Badges(IHtmlDocument page, long id) =>
        [.. page.QuerySelectorAll($".inbox-row[data-appeal-id='{id}'] .inbox-badge").Select(b => b.GetAttribute("data-badge")!)];
}

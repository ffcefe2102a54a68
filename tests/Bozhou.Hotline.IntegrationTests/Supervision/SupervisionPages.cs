namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>The supervision pages' forms, found as a supervisor finds them.</summary>
internal static class SupervisionPages
{
    /// <summary>The reminder form on the appeal's row of the missed-calls queue.</summary>
    public static async Task<IHtmlFormElement> RemindFormAsync(this HttpClient client, string trackingCode) =>
        (await client.GetPageAsync("/supervision?kind=MissedCalls")).QuerySelector<IHtmlFormElement>($"tr[data-code='{trackingCode}'] form.remind-form")!;
}

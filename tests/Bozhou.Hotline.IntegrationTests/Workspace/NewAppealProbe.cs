using System.Diagnostics;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>
/// A write anywhere else in the app, timed: a citizen's new appeal to 李明 through the public form. After a
/// conflict it must save at once, not wait for a writer that never finished.
/// </summary>
internal static class NewAppealProbe
{
    /// <summary>Opens the form, submits a valid appeal and returns the answer (a redirect to the receipt when saved; 0: none within <paramref name="giveUpAfter"/>) and the submission's time.</summary>
    public static async Task<(HttpStatusCode Status, TimeSpan Elapsed)> SubmitAsync(HttpClient client, HotlineFactory factory, WorkspaceWorld world, TimeSpan giveUpAfter)
    {
        var page = await client.GetPageAsync($"/appeals/new?cadre={world.LiId}");
        var form = page.QuerySelector<IHtmlFormElement>("form#new-appeal")!;
        using var giveUp = new CancellationTokenSource(giveUpAfter);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await client.SubmitAsync(form, Html.Fields(
                ("Input.CadreId", world.LiId.ToString(CultureInfo.InvariantCulture)),
                ("Input.CalledAt", ChinaTime.ToChina(factory.Clock.GetUtcNow().AddMinutes(-10)).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture)),
                ("Input.Outcome", nameof(CallOutcome.NotAnswered)),
                ("Input.CallerType", nameof(CallerType.Individual)),
                ("Input.Name", "陈静"),
                ("Input.Phone", "138 0558 1234"),
                ("Input.TopicId", world.TransportTopicId.ToString(CultureInfo.InvariantCulture)),
                ("Input.Description", "城区12路公交晚上班次太少，希望增加晚间班次。"),
                ("Input.ConsentToContact", "true")), null, giveUp.Token);
            return (response.StatusCode, watch.Elapsed);
        }
        catch (OperationCanceledException)
        {
            return (0, watch.Elapsed);
        }
    }
}

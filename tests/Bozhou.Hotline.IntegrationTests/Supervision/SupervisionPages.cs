namespace Bozhou.Hotline.IntegrationTests.Supervision;

/// <summary>The supervision pages' forms, found as a supervisor finds them.</summary>
internal static class SupervisionPages
{
    /// <summary>The reminder form on the appeal's row of the missed-calls queue.</summary>
    public static async Task<IHtmlFormElement> RemindFormAsync(this HttpClient client, string trackingCode) =>
        (await client.GetPageAsync("/supervision?kind=MissedCalls")).QuerySelector<IHtmlFormElement>($"tr[data-code='{trackingCode}'] form.remind-form")!;

    /// <summary>
    /// The supervision world on a signed-in factory with one call to the transport bureau's head missed on Tuesday
    /// 24 February 2026, and 督查员甲 signed in as a supervisor (following redirects unless told not to).
    /// </summary>
    public static async Task<MissedCall> MissedCallAsync(bool followRedirects = true)
    {
        var factory = new AuthenticatedHotlineFactory();
        var data = await SupervisionTestData.SeedAsync(factory);
        var appeal = await data.LogAsync(data.TransportHead, SupervisionTestData.China(2026, 2, 24, 9));
        return new MissedCall(factory, data, appeal, factory.CreateClientAs("督查员甲", followRedirects, Roles.Supervisor));
    }
}

/// <summary>What <see cref="SupervisionPages.MissedCallAsync"/> made; disposes the client and the factory.</summary>
internal sealed record MissedCall(AuthenticatedHotlineFactory Factory, SupervisionTestData Data, Appeal Appeal, HttpClient Client) : IDisposable
{
    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

using Bozhou.Hotline.Web.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Bozhou.Hotline.IntegrationTests.Appeals;

/// <summary>What the appeals tests share: a valid submission, the stored rows, and a staff reply.</summary>
internal static class AppealsKit
{
    public const string Phone = "138 0558 1234";
    public const string PhoneE164 = "+8613805581234";
    public const string PhoneMasked = "138****1234";
    public const string LastFour = "1234";

    public static HttpClient Client(this HotlineFactory factory) =>
        factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    public static async Task<IHtmlFormElement> OpenFormAsync(this HttpClient client, int? cadreId = null)
    {
        var page = await client.GetPageAsync(cadreId is { } id ? $"/appeals/new?cadre={id}" : "/appeals/new");
        return page.QuerySelector<IHtmlFormElement>("form#new-appeal")!;
    }

    /// <summary>The values of a complete, valid form: a missed call to the mayor about a city-management matter.</summary>
    public static Dictionary<string, string> ValidFields(TestDirectory directory, DateTimeOffset calledAt) => new()
    {
        ["Input.CadreId"] = directory.MayorId.ToString(CultureInfo.InvariantCulture),
        ["Input.CalledAt"] = ChinaTime.ToChina(calledAt).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
        ["Input.Outcome"] = nameof(CallOutcome.NotAnswered),
        ["Input.CallerType"] = nameof(CallerType.Individual),
        ["Input.Name"] = "陈静",
        ["Input.Phone"] = Phone,
        ["Input.TopicId"] = directory.MatterTopicId.ToString(CultureInfo.InvariantCulture),
        ["Input.Description"] = "谯城区汤陵路路灯连续一周不亮，夜间行人出行不便。",
        ["Input.ConsentToContact"] = "true",
    };

    /// <summary>Opens the form and submits it with the valid values, <paramref name="changes"/> replacing some.</summary>
    public static async Task<HttpResponseMessage> SubmitAppealAsync(
        this HttpClient client, HotlineFactory factory, TestDirectory directory, params (string Name, string Value)[] changes)
    {
        var form = await client.OpenFormAsync();
        var fields = ValidFields(directory, factory.Clock.GetUtcNow().AddMinutes(-10));
        foreach (var (name, value) in changes)
        {
            fields[name] = value;
        }

        return await client.SubmitAsync(form, fields);
    }

    /// <summary>Submits a valid appeal and returns its tracking code, read from the redirect to the receipt.</summary>
    public static async Task<string> LogAppealAsync(
        this HttpClient client, HotlineFactory factory, TestDirectory directory, params (string Name, string Value)[] changes)
    {
        using var response = await client.SubmitAppealAsync(factory, directory, changes);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith("/appeals/receipt/", location, StringComparison.Ordinal);
        return location["/appeals/receipt/".Length..];
    }

    /// <summary>Checks code and digits on the tracking page; the browser is then let in to that appeal.</summary>
    public static async Task<HttpResponseMessage> CheckAsync(this HttpClient client, string code, string lastFour)
    {
        var page = await client.GetPageAsync("/appeals/track");
        var form = page.QuerySelector<IHtmlFormElement>("form#track-check")!;
        return await client.SubmitAsync(form, Html.Fields(("Check.Code", code), ("Check.LastFour", lastFour)));
    }

    public static async Task<T> WithDbAsync<T>(this HotlineFactory factory, Func<HotlineDbContext, Task<T>> action)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await action(scope.ServiceProvider.GetRequiredService<HotlineDbContext>());
    }

    public static Task<Appeal> LoadAppealAsync(this HotlineFactory factory, string code) =>
        factory.WithDbAsync(db => db.Appeals.AsNoTracking()
            .Include(a => a.Events).Include(a => a.CallAttempts)
            .SingleAsync(a => a.TrackingCode == code));

    public static Task<(int Appeals, int CallAttempts, int Events)> CountRowsAsync(this HotlineFactory factory) =>
        factory.WithDbAsync(async db => (await db.Appeals.CountAsync(), await db.CallAttempts.CountAsync(), await db.AppealEvents.CountAsync()));

    /// <summary>Applies a staff action to the stored appeal, as the workspace will, through its own rule.</summary>
    public static Task ActAsync(this HotlineFactory factory, string code, Action<Appeal, AppealClock, DateTimeOffset> action) =>
        factory.WithDbAsync(async db =>
        {
            var appeal = await db.Appeals.SingleAsync(a => a.TrackingCode == code);
            var clock = await factory.Services.GetRequiredService<AppealClockSource>().GetAsync();
            action(appeal, clock, factory.Clock.GetUtcNow());
            await db.SaveChangesAsync();
            return 0;
        });

    public static Task ReplyAsync(this HotlineFactory factory, string code, string text = "已安排城管部门维修路灯，现已恢复照明。") =>
        factory.ActAsync(code, (appeal, clock, now) => appeal.Reply(ReplyKind.Resolved, text, null, "赵工作", "user-1", clock, now));

    /// <summary>
    /// Seeds the directory on <paramref name="factory"/> and logs one appeal through the public form with a client that
    /// may then follow it; with <paramref name="replied"/> the staff reply to it. The result owns the factory and client.
    /// </summary>
    public static async Task<LoggedAppeal> LogOneAppealAsync(this HotlineFactory factory, bool replied = false)
    {
        var directory = await factory.SeedDirectoryAsync();
        var client = factory.Client();
        var code = await client.LogAppealAsync(factory, directory);
        if (replied)
        {
            await factory.ReplyAsync(code);
        }

        return new LoggedAppeal(factory, client, code);
    }
}

/// <summary>One appeal logged by <see cref="Client"/> on <see cref="Factory"/>, with its tracking code; disposes both.</summary>
internal sealed record LoggedAppeal(HotlineFactory Factory, HttpClient Client, string Code) : IDisposable
{
    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
    }
}

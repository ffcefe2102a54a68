using System.Collections.Concurrent;
using System.Diagnostics;
using AngleSharp.Html.Parser;

namespace Bozhou.Hotline.IntegrationTests.Workspace;

/// <summary>One request of the soak as the person saw it: what they did, the answer's status (0: none in time) and how long it took.</summary>
internal sealed record SoakRequest(string Person, string Action, bool IsPost, int Status, TimeSpan Elapsed, string? Tag, string? Message)
{
    public string Outcome => (IsPost, Status) switch
    {
        (_, 0) => "no answer in time",
        (true, 302) => "302 redirect",
        (true, 200) => "200 re-shown",
        (false, 200) => "200 page",
        (_, 409) => "409 conflict",
        _ => Status.ToString(CultureInfo.InvariantCulture),
    };
}

/// <summary>
/// The soak's run: when it ends (a time or a number of requests, whichever comes first) and every request
/// made, each timed from sending to the last byte of the answer.
/// </summary>
internal sealed class SoakRun(TimeSpan duration, int maxRequests, TimeSpan giveUpAfter)
{
    private readonly Stopwatch _watch = Stopwatch.StartNew();
    private int _count;
    private int _tags;

    public ConcurrentQueue<SoakRequest> Requests { get; } = new();

    public TimeSpan Elapsed => _watch.Elapsed;

    public bool Over => _watch.Elapsed >= duration || Volatile.Read(ref _count) >= maxRequests;

    /// <summary>A text no other submission carries, so that the timeline shows whether this one was saved.</summary>
    public string NewTag() => $"[soak {Interlocked.Increment(ref _tags)}]";

    public async Task<IHtmlDocument?> GetAsync(SoakPerson person, string action, string url)
    {
        var (status, page) = await SendAsync(person, action, false, null, ct => person.Client.GetAsync(new Uri(url, UriKind.Relative), ct));
        return status == 200 ? page : null;
    }

    public Task<(int Status, IHtmlDocument? Page)> PostAsync(
        SoakPerson person, string action, IHtmlFormElement form, string? tag, string pageUrl, params (string Name, string Value)[] fields) =>
        SendAsync(person, action, true, tag, ct => person.Client.SubmitAsync(form, Html.Fields(fields), pageUrl, ct));

    /// <summary>
    /// Posts a form whose redirect leads to a page that says how it went (the reminder's "sent", "already today"
    /// or "closed"), follows the redirect as a browser would and keeps that message with the POST.
    /// </summary>
    public Task<(int Status, IHtmlDocument? Page)> PostAndFollowAsync(
        SoakPerson person, string action, IHtmlFormElement form, string? tag, string pageUrl, params (string Name, string Value)[] fields) =>
        SendAsync(person, action, true, tag, ct => person.Client.SubmitAsync(form, Html.Fields(fields), pageUrl, ct), follow: true);

    private async Task<(int Status, IHtmlDocument? Page)> SendAsync(
        SoakPerson person, string action, bool isPost, string? tag, Func<CancellationToken, Task<HttpResponseMessage>> send, bool follow = false)
    {
        Interlocked.Increment(ref _count);
        using var giveUp = new CancellationTokenSource(giveUpAfter);
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await send(giveUp.Token);
            var body = await response.Content.ReadAsStringAsync(giveUp.Token);
            watch.Stop();
            var page = await new HtmlParser().ParseDocumentAsync(body);
            var status = (int)response.StatusCode;
            var message = isPost && status != 302 ? Refusal(page) : null;
            if (follow && status == 302 && response.Headers.Location is { } location)
            {
                var next = await GetAsync(person, "GET after redirect", location.OriginalString);
                message = next?.QuerySelector("main > .alert-success")?.TextContent.Trim();
            }

            Requests.Enqueue(new(person.Name, action, isPost, status, watch.Elapsed, tag, message));
            return (status, page);
        }
        catch (OperationCanceledException)
        {
            Requests.Enqueue(new(person.Name, action, isPost, 0, watch.Elapsed, tag, null));
            return (0, null);
        }
    }

    /// <summary>What a re-shown page says about the form: the action's refusal, the check's errors or the first field error.</summary>
    private static string? Refusal(IHtmlDocument page) =>
        (page.QuerySelector(".form-error") ?? page.QuerySelector("#form-errors") ?? page.QuerySelector(".field-validation-error"))?.TextContent.Trim();
}

/// <summary>One browser in the soak: a person signed in (or a citizen let in to their appeals) acting at random.</summary>
internal abstract class SoakPerson(string name, HttpClient client, Random random)
{
    public string Name { get; } = name;

    public HttpClient Client { get; } = client;

    protected Random Random { get; } = random;

    public async Task RunAsync(SoakRun run)
    {
        while (!run.Over)
        {
            if (!await TurnAsync(run))
            {
                // Nothing to do on this page: look again a little later, as a person would.
                await Task.Delay(50);
            }
        }
    }

    /// <summary>Loads a page, picks one of its forms, fills it and submits it; false when there was nothing to submit.</summary>
    protected abstract Task<bool> TurnAsync(SoakRun run);

    protected T Pick<T>(IReadOnlyList<T> items) => items[Random.Next(items.Count)];

    protected T PickWeighted<T>(IReadOnlyList<(T Item, int Weight)> items)
    {
        var roll = Random.Next(items.Sum(i => i.Weight));
        foreach (var (item, weight) in items)
        {
            if ((roll -= weight) < 0)
            {
                return item;
            }
        }

        return items[^1].Item;
    }
}

/// <summary>
/// The cadre, the cadre's staff or the transfer's receiver on the workspace: opens the inbox, opens one of the
/// soak's appeals in it and submits one of the forms the page offers. Transfers go to <paramref name="passTo"/>
/// only, so that every appeal stays with the people of the soak.
/// </summary>
internal sealed class SoakHandler(string name, HttpClient client, Random random, IReadOnlySet<long> appeals, int passTo)
    : SoakPerson(name, client, random)
{
    private static readonly (string Form, int Weight)[] Forms =
        [("accept-form", 3), ("callback-form", 3), ("sms-form", 2), ("note-form", 3), ("transfer-form", 2), ("reply-form", 1)];

    protected override async Task<bool> TurnAsync(SoakRun run)
    {
        var inbox = await run.GetAsync(this, "GET inbox", "/workspace");
        var mine = inbox is null ? [] : WorkspacePages.InboxIds(inbox).Where(appeals.Contains).ToList();
        if (mine.Count == 0)
        {
            return false;
        }

        var url = $"/workspace/appeals/{Pick(mine)}";
        var page = await run.GetAsync(this, "GET appeal", url);
        var offered = page is null ? [] : Forms.Where(f => page.QuerySelector("#" + f.Form) is not null).ToList();
        if (page is null || offered.Count == 0)
        {
            return false;
        }

        var formId = PickWeighted(offered);
        var form = page.QuerySelector<IHtmlFormElement>("#" + formId)!;
        var tag = run.NewTag();
        switch (formId)
        {
            case "accept-form":
                await run.PostAsync(this, "accept", form, null, url);
                break;
            case "callback-form":
                await run.PostAsync(this, "callback", form, tag, url,
                    ("Callback.Reached", Random.Next(2) == 0 ? "true" : "false"), ("Callback.Note", "已回电 " + tag));
                break;
            case "sms-form":
                var templates = form.QuerySelectorAll<IHtmlInputElement>("input[name='Sms.Template']").Where(i => !i.IsDisabled).Select(i => i.Value).ToList();
                await run.PostAsync(this, "quick SMS", form, null, url, ("Sms.Template", Pick(templates)));
                break;
            case "note-form":
                await run.PostAsync(this, "note", form, tag, url, ("Note.Text", "内部备注 " + tag));
                break;
            case "transfer-form":
                await run.PostAsync(this, "transfer", form, tag, url,
                    ("Transfer.ToCadreId", passTo.ToString(CultureInfo.InvariantCulture)), ("Transfer.Reason", "请办理 " + tag));
                break;
            default:
                var kind = Pick(["Resolved", "Explained", "ReferredTo12345"]);
                await run.PostAsync(this, "reply", form, tag, url,
                    ("Reply.Kind", kind), ("Reply.Text", "答复 " + tag), ("Reply.TicketNumber", kind == "ReferredTo12345" ? "BZ2026030200123" : ""));
                break;
        }

        return true;
    }
}

/// <summary>The citizen on the tracking page, let in to the soak's appeals: calls again, or rates a reply.</summary>
internal sealed class SoakCitizen(string name, HttpClient client, Random random, IReadOnlyList<string> codes) : SoakPerson(name, client, random)
{
    /// <summary>How much likelier calling again is than rating, when both are offered: ratings close appeals.</summary>
    public const int CallsPerRating = 6;

    protected override async Task<bool> TurnAsync(SoakRun run)
    {
        var url = "/appeals/track/" + Pick(codes);
        var page = await run.GetAsync(this, "GET tracking", url);
        var offered = new List<(string Form, int Weight)>();
        if (page?.QuerySelector("#call-form") is not null)
        {
            offered.Add(("call-form", CallsPerRating));
        }

        if (page?.QuerySelector("#rate-form") is not null)
        {
            offered.Add(("rate-form", 1));
        }

        if (page is null || offered.Count == 0)
        {
            return false;
        }

        var formId = PickWeighted(offered);
        var form = page.QuerySelector<IHtmlFormElement>("#" + formId)!;
        if (formId == "call-form")
        {
            var outcomes = form.QuerySelectorAll<IHtmlOptionElement>("#call-outcome option").Select(o => o.Value).ToList();
            await run.PostAsync(this, "call again", form, null, url, ("Call.Outcome", Pick(outcomes)));
        }
        else
        {
            var tag = run.NewTag();
            await run.PostAsync(this, "rating", form, tag, url,
                ("Rating.Resolved", Random.Next(2) == 0 ? "true" : "false"),
                ("Rating.Score", (Random.Next(5) + 1).ToString(CultureInfo.InvariantCulture)), ("Rating.Comment", "评价 " + tag));
        }

        return true;
    }
}

/// <summary>
/// The supervision office: opens a queue and sends a reminder (催办) on one of the soak's appeals in it. The clock
/// stands still in the soak, so each appeal takes one reminder; the others are refused as "already today".
/// </summary>
internal sealed class SoakSupervisor(string name, HttpClient client, Random random, IReadOnlySet<long> appeals) : SoakPerson(name, client, random)
{
    protected override async Task<bool> TurnAsync(SoakRun run)
    {
        var kind = Pick(SupervisionQueues.All);
        var page = await run.GetAsync(this, "GET queue", $"/supervision?kind={kind}");
        var rows = page?.QuerySelectorAll("tr[data-appeal]")
            .Where(r => appeals.Contains(long.Parse(r.GetAttribute("data-appeal")!, CultureInfo.InvariantCulture))).ToList() ?? [];
        if (rows.Count == 0)
        {
            return false;
        }

        var form = Pick(rows).QuerySelector<IHtmlFormElement>("form.remind-form")!;
        var tag = run.NewTag();
        await run.PostAndFollowAsync(this, "reminder", form, tag, "/supervision", ("text", "请尽快办理 " + tag));
        return true;
    }
}

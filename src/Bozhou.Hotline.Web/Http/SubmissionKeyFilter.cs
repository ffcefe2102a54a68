using System.Diagnostics;
using System.Security.Claims;
using Bozhou.Hotline.Core.Submissions;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Bozhou.Hotline.Web.Http;

/// <summary>
/// Makes a repeated POST (a double click, the browser's resend, a retry after a time-out) do nothing twice. The key
/// that <see cref="SubmissionKeyTagHelper"/> put in the form is added to the request's <see cref="HotlineDbContext"/>
/// before the handler runs, so the handler's own save stores it in the same transaction as its change. A POST whose
/// key is already stored changes nothing and is redirected where the first one went, with a message saying so; a
/// twin that raced the first (its save refused by the key, or its version check failed because the first committed)
/// is answered the same way.
/// </summary>
/// <remarks>
/// With two instances on one PostgreSQL database the key is a row of that database, so a repeat sent to the other
/// instance is caught the same way. Keys are deleted after <see cref="FormSubmission.KeptFor"/> by the daily purge.
/// </remarks>
public sealed class SubmissionKeyFilter(
    HotlineDbContext db, TimeProvider time, ITempDataDictionaryFactory tempData, IUrlHelperFactory urls,
    IStringLocalizer<SharedResource> t, ILogger<SubmissionKeyFilter> logger) : IAsyncPageFilter
{
    /// <summary>The name of the hidden form field that carries the key.</summary>
    public const string FieldName = "__Submission";

    /// <summary>How long a repeat waits for the first POST to record where it led, before it is sent back to the form's page.</summary>
    private static readonly TimeSpan WaitForFirst = TimeSpan.FromSeconds(3);

    /// <inheritdoc />
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    /// <inheritdoc />
    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var key = KeyOf(http);
        if (key is null)
        {
            await next();
            return;
        }

        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        var earlier = await db.FormSubmissions.AsNoTracking().FirstOrDefaultAsync(s => s.Key == key, http.RequestAborted);
        if (earlier is not null)
        {
            if (earlier.UserId != userId)
            {
                // Someone else's key: nothing to replay to this user.
                context.Result = new BadRequestResult();
                return;
            }

            var firstLocation = await FirstLocationAsync(key, http.RequestAborted);
            if (firstLocation is not null)
            {
                context.Result = Replay(context, firstLocation);
                return;
            }

            // The first POST stored something but showed a page (a refused sign-in counts its failure, say): it
            // doubled nothing that a second run could, so this one runs as it would have.
            await next();
            return;
        }

        var entry = db.FormSubmissions.Add(new FormSubmission { Key = key, UserId = userId, SubmittedAt = time.GetUtcNow() });
        var executed = await next();
        if (entry.State == EntityState.Unchanged)
        {
            // The handler's save stored the key with its change: remember where it led, for a repeat.
            if (executed.Exception is null && LocationOf(executed) is { } location)
            {
                await using (await SqliteWriteGate.EnterAsync(db, CancellationToken.None))
                {
                    await db.FormSubmissions.Where(s => s.Key == key)
                        .ExecuteUpdateAsync(s => s.SetProperty(f => f.ResultLocation, location), CancellationToken.None);
                }
            }

            return;
        }

        if (entry.State == EntityState.Detached && executed.Exception is null && LocationOf(executed) is { } done
            && !await db.FormSubmissions.AsNoTracking().AnyAsync(s => s.Key == key, CancellationToken.None))
        {
            // The handler succeeded after letting go of everything it tracked (a retry's ChangeTracker.Clear()), the
            // key included: record it now, so that a later repeat is still answered as one.
            db.FormSubmissions.Add(new FormSubmission { Key = key, UserId = userId, SubmittedAt = time.GetUtcNow(), ResultLocation = done });
            try
            {
                await db.SaveChangesAsync(CancellationToken.None);
            }
            catch (DbUpdateException)
            {
                // A twin recorded it meanwhile: the key is there either way.
            }

            return;
        }

        // Nothing of this POST was stored: let no later save store its key alone.
        if (entry.State != EntityState.Detached)
        {
            entry.State = EntityState.Detached;
        }

        var refused = executed.Exception is DbUpdateException || (executed.Exception is null && LocationOf(executed) is null);
        if (refused && await db.FormSubmissions.AsNoTracking().AnyAsync(s => s.Key == key, CancellationToken.None))
        {
            // A twin of this POST stored the key first: this one lost the race and is answered as a repeat.
            logger.LogInformation("A POST raced an identical one that was stored first; answered as a repeat");
            var firstLocation = await FirstLocationAsync(key, CancellationToken.None);
            executed.Result = firstLocation is null
                ? Replay(context, http.Request.PathBase + http.Request.Path + http.Request.QueryString)
                : Replay(context, firstLocation);
            executed.ExceptionHandled = true;
        }
    }

    /// <summary>The key of a POST that is not an error page's re-execution, if the form carried a well-formed one.</summary>
    private static string? KeyOf(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method) || !http.Request.HasFormContentType
            || http.Features.Get<IExceptionHandlerFeature>() is not null || http.Features.Get<IStatusCodeReExecuteFeature>() is not null)
        {
            return null;
        }

        var key = http.Request.Form[FieldName].ToString();
        return FormSubmission.IsWellFormed(key) ? key : null;
    }

    /// <summary>Answers a repeat: a message that it was already saved, and a redirect to <paramref name="location"/>.</summary>
    private RedirectResult Replay(FilterContext context, string location)
    {
        var flash = tempData.GetTempData(context.HttpContext);
        flash["Flash"] = t["Submission.Repeated"].Value;
        if ((context as PageHandlerExecutingContext)?.HandlerInstance is IReplayableSubmission page)
        {
            page.OnReplayed(location);
        }

        return new RedirectResult(location);
    }

    private async Task<string?> FirstLocationAsync(string key, CancellationToken cancellationToken)
    {
        // Real elapsed time: the first POST finishes in real time whatever clock the rules follow.
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var location = await db.FormSubmissions.AsNoTracking().Where(s => s.Key == key).Select(s => s.ResultLocation).FirstOrDefaultAsync(cancellationToken);
            if (location is not null || Stopwatch.GetElapsedTime(started) >= WaitForFirst)
            {
                return location;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
        }
    }

    /// <summary>The local address a redirect result leads to, or null for any other result.</summary>
    private string? LocationOf(PageHandlerExecutedContext executed)
    {
        var location = executed.Result switch
        {
            RedirectResult r => r.Url,
            LocalRedirectResult r => r.Url,
            RedirectToPageResult r => urls.GetUrlHelper(executed).Page(r.PageName, r.PageHandler, r.RouteValues, r.Protocol, r.Host, r.Fragment),
            _ => null,
        };
        return location is not null && urls.GetUrlHelper(executed).IsLocalUrl(location) ? location : null;
    }
}

/// <summary>A page that must do more than redirect when a repeated POST is answered with where the first one led.</summary>
public interface IReplayableSubmission
{
    /// <summary>Called before the repeat is redirected to <paramref name="location"/>, the local address the first POST led to.</summary>
    void OnReplayed(string location);
}

using Bozhou.Hotline.Web.Http;
using Microsoft.AspNetCore.Http;
using Serilog.Events;

namespace Bozhou.Hotline.IntegrationTests.Http;

public class RequestLogLevelTests
{
    [Fact]
    public void A_request_the_client_abandoned_is_logged_as_information_not_as_a_server_error()
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        var context = new DefaultHttpContext { RequestAborted = aborted.Token };

        Assert.Equal(LogEventLevel.Information, RequestLogLevels.Of(context, 20, new OperationCanceledException(aborted.Token)));
        Assert.Equal(LogEventLevel.Information, RequestLogLevels.Of(context, 20, new IOException("The client reset the connection.")));
    }

    [Fact]
    public void A_cancellation_while_the_client_is_still_there_and_any_other_failure_are_errors()
    {
        var context = new DefaultHttpContext();

        Assert.Equal(LogEventLevel.Error, RequestLogLevels.Of(context, 20, new OperationCanceledException()));
        Assert.Equal(LogEventLevel.Error, RequestLogLevels.Of(context, 20, new InvalidOperationException()));
        context.Response.StatusCode = 503;
        Assert.Equal(LogEventLevel.Error, RequestLogLevels.Of(context, 20, null));
        context.Response.StatusCode = 404;
        Assert.Equal(LogEventLevel.Information, RequestLogLevels.Of(context, 20, null));
    }
}

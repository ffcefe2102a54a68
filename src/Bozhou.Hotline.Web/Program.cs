using Bozhou.Hotline.Web.Commands;
using Bozhou.Hotline.Web.Hosting;

// The app's commands: none runs the web server; "migrate" brings the database to the current
// schema and exits; "setup" prepares a new installation; "rebuild-stats" recomputes the supervision roll-ups;
// "rebuild-trends" analyses the appeals' descriptions again for the rising terms.
var command = HostCommands.Parse(args, out var hostArgs);

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = hostArgs, ContentRootPath = ContentRootSetup.ContentRoot() });
// Every setting is checked before anything opens the database: a refused start names the setting and exits 1.
if (builder.RefusesSettings())
{
    return 1;
}

builder.AddLogging();
builder.AddDatabase();
builder.AddClocks();
builder.AddHotlineDataProtection();
builder.AddHotlineLocalization();
builder.AddHealth();
builder.AddHotlineMetrics();
builder.AddHttpSecurity();
builder.AddWeb();
builder.AddValidation();
builder.AddDirectory();
builder.AddAppeals();
builder.AddAccounts();
builder.AddWorkspace();
builder.AddSupervision();
builder.AddInsight();
builder.AddAdmin();
builder.AddOpen311();
builder.AddDemoData();

var app = builder.Build();
if (app.RefusesSettings())
{
    return 1;
}

if (command is not null)
{
    return await HostCommands.RunAsync(app, command);
}

app.UseWeb();
await app.PrepareDatabaseAsync();
await app.RunAsync();
return 0;

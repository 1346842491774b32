using System.CommandLine;
using Paperboy.Web;

namespace Paperboy.Cli;

/// <summary><c>paperboy serve [--urls URL] [--demo]</c></summary>
public static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Addresses to listen on", DefaultValueFactory = _ => "http://127.0.0.1:5000" };
        var demo = new Option<bool>("--demo") { Description = "Start on a throwaway database filled with sample papers" };
        var cmd = new Command("serve", "Run the web site") { urls, demo };
        cmd.SetAction(async (r, ct) =>
        {
            var data = CliOptions.DataFolder(r);
            var database = CliOptions.DatabaseOptions(r);
            var app = WebApp.Build(["--urls", r.GetValue(urls)!], data, database);
            await WebApp.MigrateAsync(app);
            await app.RunAsync(ct);
            return ExitCodes.Ok;
        });
        return cmd;
    }
}

using System.CommandLine;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Web;

namespace Paperboy.Cli;

/// <summary>
/// <c>paperboy digest preview --email ADDRESS [--period DAY] [--weekly] [--out FILE.eml|.html]</c> composes one
/// subscriber's digest without sending it; <c>paperboy digest send [--dry-run]</c> does one round of what the
/// server does on schedule: puts the due digests in the outbox and sends them (or, dry, counts what it would send).
/// </summary>
public static class DigestCommand
{
    public static Command Create()
    {
        var email = new Option<string>("--email") { Description = "The subscriber's address", Required = true };
        var period = new Option<string?>("--period") { Description = "Last feed day of the period, YYYY-MM-DD (default: yesterday)" };
        var weekly = new Option<bool>("--weekly") { Description = "The week that ends with --period instead of that one day" };
        var output = new Option<string?>("--out") { Description = "Write the message to FILE.eml, or its HTML to FILE.html (default: its text on standard output)" };
        var preview = new Command("preview", "Compose one subscriber's digest without sending it") { email, period, weekly, output };
        preview.SetAction(async (r, ct) =>
        {
            DateOnly? day = null;
            if (r.GetValue(period) is { } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Fail(ExitCodes.Usage, $"--period: '{text}' is not a date (YYYY-MM-DD)");
                day = d;
            }
            var file = r.GetValue(output);
            if (file is not null && Path.GetExtension(file).ToLowerInvariant() is not (".eml" or ".html"))
                return Fail(ExitCodes.Usage, $"--out: '{file}' must end in .eml or .html");
            await using var app = await AppAsync(r, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            var normalized = r.GetValue(email)!.Trim().ToLowerInvariant();
            if (await db.Subscriptions.AsNoTracking().FirstOrDefaultAsync(s => s.NormalizedEmail == normalized, ct) is not { } sub)
                return Fail(ExitCodes.Failed, $"--email: no subscription for '{r.GetValue(email)}'");
            var last = day ?? services.GetRequiredService<SiteOptions>().Today(services.GetRequiredService<TimeProvider>()).AddDays(-1);
            var p = r.GetValue(weekly) ? new DigestPeriod(DigestPeriod.Weekly(last).Key, last.AddDays(-6), last) : DigestPeriod.Daily(last);
            var recipient = services.GetRequiredService<DigestSender>().Recipient(sub, new DigestOutboxEntry { Id = 0, Period = p.Key });
            var content = await services.GetRequiredService<DigestContentSource>().ForAsync(recipient, p, ct);
            if (content.IsEmpty) Console.Error.WriteLine($"digest: nothing for {sub.Email} in {p.FirstDay:yyyy-MM-dd}..{p.LastDay:yyyy-MM-dd}: it would not be sent");
            var message = services.GetRequiredService<DigestComposer>().Compose(recipient, content);
            if (file is null) Console.WriteLine(message.TextBody);
            else if (file.EndsWith(".eml", StringComparison.OrdinalIgnoreCase)) await message.WriteToAsync(file, ct);
            else await File.WriteAllTextAsync(file, message.HtmlBody, ct);
            if (file is not null) Console.WriteLine($"digest: written to {file}");
            return ExitCodes.Ok;
        });

        var dry = new Option<bool>("--dry-run") { Description = "Count the digests due and their contents; send and record nothing" };
        var send = new Command("send", "Put the due digests in the outbox and send them") { dry };
        send.SetAction(async (r, ct) =>
        {
            await using var app = await AppAsync(r, ct);
            await using var scope = app.Services.CreateAsyncScope();
            var services = scope.ServiceProvider;
            if (r.GetValue(dry))
            {
                var (due, empty) = await services.GetRequiredService<DigestScheduler>().DryRunAsync(
                    services.GetRequiredService<DigestContentSource>(), services.GetRequiredService<DigestSender>(), ct);
                Console.WriteLine($"digest: {due:N0} due and not yet in the outbox; {due - empty:N0} would be sent, {empty:N0} have nothing to tell");
                return ExitCodes.Ok;
            }
            var added = await services.GetRequiredService<DigestScheduler>().EnqueueDueAsync(ct);
            var summary = await services.GetRequiredService<DigestSender>().SendDueAsync(ct);
            Console.WriteLine($"digest: {added:N0} became due; {summary}");
            return summary.Failed > 0 || summary.Retrying > 0 ? ExitCodes.Failed : ExitCodes.Ok;
        });
        return new Command("digest", "Email digests: preview one, or send what is due") { preview, send };
    }

    /// <summary>The site's services (mail, search, settings from appsettings and the environment) without serving.</summary>
    private static async Task<WebApplication> AppAsync(ParseResult r, CancellationToken ct)
    {
        var app = WebApp.Build([], CliOptions.DataFolder(r), CliOptions.DatabaseOptions(r));
        await WebApp.MigrateAsync(app);
        return app;
    }

    private static int Fail(int code, string message)
    {
        Console.Error.WriteLine($"paperboy digest: {message}");
        return code;
    }
}

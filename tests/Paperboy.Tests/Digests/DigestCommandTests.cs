using Microsoft.EntityFrameworkCore;
using MimeKit;
using Paperboy.Digests;
using Paperboy.Import;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Digests;

/// <summary><c>paperboy digest preview</c> and <c>paperboy digest send</c> as an operator runs them.</summary>
public class DigestCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Preview_WritesTheDigestAsEmlOrHtml_AndSendDryRunRecordsNothing()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2);
        await using (var db = database.CreateContext())
        {
            await new PaperWriter(db).WriteAsync([TestSite.Paper("2506.00001", yesterday, 40, "Sparse mixtures of tiny experts")], ct: Ct);
            db.Subscriptions.Add(new Subscription
            {
                Email = "ada@example.org", NormalizedEmail = "ada@example.org", Token = DigestRules.NewToken(),
                // Due at 00:00 UTC, subscribed yesterday: exactly one digest is due whenever the test runs.
                Status = SubscriptionStatus.Active, Hour = 0, CreatedAt = DateTime.UtcNow.AddDays(-1), ConfirmedAt = DateTime.UtcNow.AddDays(-1),
            });
            await db.SaveChangesAsync(Ct);
        }
        var folder = Directory.CreateTempSubdirectory("paperboy-digest-").FullName;
        try
        {
            var eml = Path.Combine(folder, "digest.eml");
            var (code, stdout, stderr) = await PaperboyProcess.RunAsync(
                [.. database.CliArgs, "digest", "preview", "--email", "ada@example.org", "--period", $"{yesterday:yyyy-MM-dd}", "--out", eml]);
            Assert.True(code == 0, stderr);
            Assert.Contains("written to", stdout);
            var message = await MimeMessage.LoadAsync(eml, Ct);
            Assert.Contains("Sparse mixtures of tiny experts", message.HtmlBody);
            Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);

            var html = Path.Combine(folder, "digest.html");
            (code, _, stderr) = await PaperboyProcess.RunAsync(
                [.. database.CliArgs, "digest", "preview", "--email", "ADA@example.org", "--period", $"{yesterday:yyyy-MM-dd}", "--out", html]);
            Assert.True(code == 0, stderr);
            Assert.StartsWith("<!DOCTYPE html>", (await File.ReadAllTextAsync(html, Ct)).TrimStart(), StringComparison.OrdinalIgnoreCase);

            (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, "digest", "send", "--dry-run"]);
            Assert.True(code == 0, stderr);
            Assert.Contains("1 due", stdout);
            await using var check = database.CreateContext();
            Assert.Equal(0, await check.DigestOutbox.CountAsync(Ct));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("digest", "preview", "--email", "ada@example.org", "--period", "yesterday")]
    [InlineData("digest", "preview", "--email", "ada@example.org", "--out", "digest.pdf")]
    [InlineData("digest", "preview")]
    [InlineData("digest", "send", "--now")]
    public async Task BadArguments_ExitWith2AndSayWhy(params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var (code, _, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, .. args]);
        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }

    [Fact]
    public async Task Preview_OfAnAddressWithoutSubscription_Fails()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var (code, _, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, "digest", "preview", "--email", "nobody@example.org"]);
        Assert.Equal(3, code);
        Assert.Contains("no subscription", stderr);
    }
}

using Microsoft.EntityFrameworkCore;
using Paperboy.Digests;
using Paperboy.Import;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Digests;

/// <summary>A send run killed part way, then run again: every subscriber gets their digest, and one digest only.</summary>
public class DigestKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task DigestSend_KilledPartWay_ThenRunAgain_SendsEverySubscriberExactlyOneDigest(Engine engine)
    {
        const int subscribers = 120;
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var database = await TestDatabase.CreateAsync(engine);
        // The command runs on the real clock: due today at 00:00 UTC, the digest covers yesterday (UTC), which is
        // a feed day of the papers whatever the site's zone makes of it.
        var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-1);
        await using (var db = database.CreateContext())
        {
            await new PaperWriter(db).WriteAsync(
            [
                TestSite.Paper("2506.00001", yesterday, 40, "Sparse mixtures of tiny experts"),
                TestSite.Paper("2506.00002", yesterday.AddDays(-1), 30, "Rainfall prediction with recurrent networks"),
                TestSite.Paper("2506.00003", yesterday.AddDays(1), 20, "Translating legal contracts"),
            ], ct: Ct);
            // Subscribed yesterday: the one digest due covers yesterday.
            var since = DateTime.UtcNow.AddDays(-1);
            for (var i = 0; i < subscribers; i++)
                db.Subscriptions.Add(new Subscription
                {
                    Email = $"reader{i:D3}@example.org", NormalizedEmail = $"reader{i:D3}@example.org", Token = DigestRules.NewToken(),
                    Status = SubscriptionStatus.Active, Hour = 0, CreatedAt = since, ConfirmedAt = since,
                });
            await db.SaveChangesAsync(Ct);
        }
        var settings = new Dictionary<string, string?>(smtp.Settings)
        {
            // A claim the killed run leaves behind expires quickly, so the second run takes its digests over.
            ["Paperboy:Digests:ClaimSeconds"] = "1",
            ["Paperboy:Mail:Smtp:Connections"] = "2",
            ["Paperboy:Digests:Parallelism"] = "2",
        };

        using (var run = PaperboyProcess.Start(settings, [.. database.CliArgs, "digest", "send"]))
        {
            while (smtp.Messages.Count < 20 && !run.HasExited) await Task.Delay(10, Ct);
            run.Kill();
            Assert.False(run.Stdout.Contains("became due"), "the run finished before it could be killed");
        }
        var beforeRestart = smtp.Messages.Count;
        Assert.InRange(beforeRestart, 20, subscribers - 1);

        await Task.Delay(TimeSpan.FromSeconds(1.5), Ct);
        using (var again = PaperboyProcess.Start(settings, [.. database.CliArgs, "digest", "send"]))
            Assert.True(await again.WaitAsync(TimeSpan.FromMinutes(3)) == 0, again.Stderr);

        var byRecipient = smtp.Messages.GroupBy(m => m.Recipients.Single()).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(subscribers, byRecipient.Count);
        foreach (var (address, mails) in byRecipient)
        {
            // One digest each. A message the server accepted in the instant before the kill, whose row could not be
            // marked sent, goes again with the same Message-Id: SMTP cannot rule that out, and mail clients show one.
            Assert.Single(mails.Select(m => m.Message.MessageId).Distinct());
            Assert.Contains("Sparse mixtures of tiny experts", mails[0].Message.HtmlBody);
        }
        var resent = smtp.Messages.Count - subscribers;
        Assert.InRange(resent, 0, 2);
        TestContext.Current.TestOutputHelper?.WriteLine($"{beforeRestart} delivered before the kill; {resent} delivered twice with the same Message-Id");
        await using var check = database.CreateContext();
        Assert.Equal(subscribers, await check.DigestOutbox.CountAsync(o => o.Status == OutboxStatus.Sent, Ct));
        Assert.Equal(subscribers, await check.DigestOutbox.CountAsync(Ct));
    }
}

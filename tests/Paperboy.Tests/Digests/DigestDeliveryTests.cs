using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Digests;

/// <summary>Digests from subscribing to unsubscribing, through a real SMTP server on loopback.</summary>
public class DigestDeliveryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The sites' clock: 4 June 2025, 18:00 UTC; feed days are New York's.
    private static readonly DateOnly Today = new(2025, 6, 4);

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Subscribe_Confirm_ReceiveTheDigestOnce_OneClickUnsubscribe_ThenNothingMore(Engine engine)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = await TestSite.StartAsync(engine, settings: smtp.Settings);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Today, 40, "Sparse mixtures of tiny experts"),
            TestSite.Paper("2506.00002", Today, 12, "Rainfall prediction with recurrent networks"));
        using var visitor = new WebSession(site);

        (await SubscriptionTests.Subscribe(visitor, "ada@example.org")).Dispose();
        var confirmation = (await smtp.WaitForMessagesAsync(1)).Single();
        Assert.Equal(["ada@example.org"], confirmation.Recipients);
        var link = Community.Accounts.AccountTests.LinkIn(confirmation.Message);
        (await visitor.PostFormAsync(link, link, [])).Dispose();

        // The next morning the digest of the day of subscribing is due; rounds after it send nothing again.
        site.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(site);
        await RunAsync(site);
        var received = await smtp.WaitForMessagesAsync(2);
        Assert.Equal(2, received.Count);
        var digest = received[1].Message;
        Assert.Equal(["ada@example.org"], received[1].Recipients);
        Assert.Contains("Sparse mixtures of tiny experts", digest.HtmlBody);
        Assert.Contains("Sparse mixtures of tiny experts", digest.TextBody);
        Assert.True(digest.HtmlBody!.IndexOf("Sparse mixtures", StringComparison.Ordinal) < digest.HtmlBody.IndexOf("Rainfall", StringComparison.Ordinal));
        Assert.Equal("List-Unsubscribe=One-Click", digest.Headers["List-Unsubscribe-Post"]);

        // The mail client's one-click POST, from the header, without cookie or form token.
        var oneClick = new Uri(digest.Headers["List-Unsubscribe"]!.Trim('<', '>'));
        using var mailClient = new WebSession(site);
        using var unsubscribed = await mailClient.PostWithoutTokenAsync(oneClick.PathAndQuery, [new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.OK, unsubscribed.StatusCode);

        site.Clock.Advance(TimeSpan.FromDays(1));
        await RunAsync(site);
        Assert.Equal(2, smtp.Messages.Count);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await Subscription(site)).Status);
    }

    [Fact]
    public async Task A451_IsRetriedLater_AndTheDigestArrivesOnce()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: smtp.Settings);
        await site.SeedAsync(TestSite.Paper("2506.00001", Today, 40, "Sparse mixtures of tiny experts"));
        await AddActiveAsync(site, "grace@example.org");
        smtp.TemporarilyReject("grace@example.org", times: 1);
        site.Clock.Advance(TimeSpan.FromDays(1));

        var first = await RunAsync(site);
        Assert.Equal(1, first.Retrying);
        Assert.Empty(smtp.Messages);
        var row = await Outbox(site);
        Assert.Equal((OutboxStatus.Pending, 1), (row.Status, row.Attempts));
        Assert.Contains("451", row.LastError);

        // Too early: nothing happens; after the back-off it goes.
        await RunAsync(site);
        Assert.Empty(smtp.Messages);
        site.Clock.Advance(TimeSpan.FromMinutes(2));
        var second = await RunAsync(site);

        Assert.Equal(1, second.Sent);
        Assert.Single(await smtp.WaitForMessagesAsync(1));
        Assert.Equal(OutboxStatus.Sent, (await Outbox(site)).Status);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task A550_CountsAsABounce_AndTheLimitPausesTheSubscription(Engine engine)
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        var settings = new Dictionary<string, string?>(smtp.Settings) { ["Paperboy:Digests:BounceLimit"] = "2" };
        await using var site = await TestSite.StartAsync(engine, settings: settings);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Today, 40, "Sparse mixtures of tiny experts"),
            TestSite.Paper("2506.00002", Today.AddDays(1), 40, "Rainfall prediction with recurrent networks"));
        await AddActiveAsync(site, "gone@example.org");
        smtp.Reject("gone@example.org");

        site.Clock.Advance(TimeSpan.FromDays(1));
        var first = await RunAsync(site);
        Assert.Equal(1, first.Bounced);
        var s = await Subscription(site);
        Assert.Equal((SubscriptionStatus.Active, 1), (s.Status, s.Bounces));

        site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, (await RunAsync(site)).Bounced);
        Assert.Equal(SubscriptionStatus.Paused, (await Subscription(site)).Status);

        site.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, (await RunAsync(site)).Total);
        Assert.Empty(smtp.Messages);
    }

    [Fact]
    public async Task AnEmptyPeriod_SendsNothing_AndIsRecordedAsEmpty()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: smtp.Settings);
        await AddActiveAsync(site, "ada@example.org");
        site.Clock.Advance(TimeSpan.FromDays(1));

        var summary = await RunAsync(site);

        Assert.Equal(1, summary.Empty);
        Assert.Empty(smtp.Messages);
        Assert.Equal(OutboxStatus.Empty, (await Outbox(site)).Status);
    }

    [Fact]
    public async Task AServerDownForAWholeDay_StillSendsThatDaysDigest_BesideTodays()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: smtp.Settings);
        await site.SeedAsync(
            TestSite.Paper("2506.00001", Today, 40, "Sparse mixtures of tiny experts"),
            TestSite.Paper("2506.00002", Today.AddDays(1), 40, "Rainfall prediction with recurrent networks"));
        await AddActiveAsync(site, "ada@example.org");

        // No round ran on the 5th: on the 6th both the 5th's digest (covering the 4th) and the 6th's go.
        site.Clock.Advance(TimeSpan.FromDays(2));
        var summary = await RunAsync(site);

        Assert.Equal(2, summary.Sent);
        var received = await smtp.WaitForMessagesAsync(2);
        Assert.Single(received, m => m.Message.HtmlBody!.Contains("Sparse mixtures of tiny experts"));
        Assert.Single(received, m => m.Message.HtmlBody!.Contains("Rainfall prediction"));
    }

    [Fact]
    public async Task TwoSendersAtOnce_NeverSendTheSameDigestTwice()
    {
        await using var smtp = await TestSmtpServer.StartAsync();
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: smtp.Settings);
        await site.SeedAsync(TestSite.Paper("2506.00001", Today, 40, "Sparse mixtures of tiny experts"));
        for (var i = 0; i < 40; i++) await AddActiveAsync(site, $"reader{i:D2}@example.org");
        site.Clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = site.Services.CreateAsyncScope())
            Assert.Equal(40, await scope.ServiceProvider.GetRequiredService<DigestScheduler>().EnqueueDueAsync(Ct));

        // Two senders, as on two nodes: each with its own database context, both claiming from the same outbox.
        async Task<DigestRunSummary> Send()
        {
            await using var scope = site.Services.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<DigestSender>().SendDueAsync(Ct);
        }
        var both = await Task.WhenAll(Send(), Send());

        Assert.Equal(40, both.Sum(s => s.Sent));
        var received = await smtp.WaitForMessagesAsync(40);
        Assert.Equal(40, received.Count);
        Assert.Equal(40, received.Select(m => m.Recipients.Single()).Distinct().Count());
    }

    internal static async Task<DigestRunSummary> RunAsync(TestSite site) =>
        await site.Services.GetRequiredService<DigestWorker>().RunOnceAsync(Ct);

    /// <summary>An active subscription as the pages would leave it, made directly.</summary>
    internal static async Task AddActiveAsync(TestSite site, string email)
    {
        await using var scope = site.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = site.Clock.GetUtcNow().UtcDateTime;
        db.Subscriptions.Add(new Subscription
        {
            Email = email, NormalizedEmail = email, Token = DigestRules.NewToken(), Status = SubscriptionStatus.Active,
            CreatedAt = now, ConfirmedAt = now,
        });
        await db.SaveChangesAsync(Ct);
    }

    private static async Task<Subscription> Subscription(TestSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Subscriptions.AsNoTracking().SingleAsync(Ct);
    }

    private static async Task<DigestOutboxEntry> Outbox(TestSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().DigestOutbox.AsNoTracking().SingleAsync(Ct);
    }
}

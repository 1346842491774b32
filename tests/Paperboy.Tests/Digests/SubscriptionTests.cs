using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Tests.Community.Accounts;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Digests;

/// <summary>Subscribing by email (double opt-in), preferences and unsubscribing, through the site's pages.</summary>
public class SubscriptionTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Subscribe_MailsOneConfirmation_AndOnlyTheButtonBehindTheLinkActivates(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using var visitor = new WebSession(site);

        using var sent = await Subscribe(visitor, "Ada@Example.org");
        Assert.Equal(HttpStatusCode.OK, sent.StatusCode);
        Assert.Contains("Check your inbox", await sent.Content.ReadAsStringAsync(Ct));
        var mail = Assert.Single(AccountTests.Mailbox(site));
        Assert.Equal("Ada@Example.org", mail.To.Mailboxes.Single().Address);
        var link = AccountTests.LinkIn(mail);
        Assert.StartsWith("/digests/confirm?", link);

        // Opening the link (as a mail scanner would) changes nothing; the button does.
        Assert.Contains("Yes, send me the digest", await visitor.GetStringAsync(link));
        Assert.Equal(SubscriptionStatus.Pending, (await Only(site)).Status);
        using var confirmed = await visitor.PostFormAsync(link, link, []);
        Assert.Equal(HttpStatusCode.OK, confirmed.StatusCode);
        var s = await Only(site);
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        Assert.Equal("ada@example.org", s.NormalizedEmail);

        // Asking again, in any spelling, sends nothing more and makes no second subscription.
        using var again = await Subscribe(visitor, "ada@example.org");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(AccountTests.Mailbox(site));
        Assert.Equal(s.Id, (await Only(site)).Id);
    }

    [Fact]
    public async Task RepeatedSubscribes_GetOnePendingConfirmationPerHour()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var visitor = new WebSession(site);

        for (var i = 0; i < 3; i++) (await Subscribe(visitor, "grace@example.org")).Dispose();
        Assert.Single(AccountTests.Mailbox(site));

        site.Clock.Advance(DigestRules.ConfirmationInterval + TimeSpan.FromMinutes(1));
        (await Subscribe(visitor, "grace@example.org")).Dispose();
        var mails = AccountTests.Mailbox(site);
        Assert.Equal(2, mails.Count);
        // Still one subscription, and the first link still works: one pending confirmation per address.
        Assert.Equal(1, await Count(site));
        Assert.Equal(AccountTests.LinkIn(mails[0]), AccountTests.LinkIn(mails[1]));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not an address")]
    [InlineData("ada@")]
    [InlineData("Ada Lovelace <ada@example.org>")]
    [InlineData("ada@example.org, grace@example.org")]
    [InlineData("ada@example.org\r\nBcc: victim@example.org")]
    [InlineData("ada@example.org\nSubject: hello")]
    public async Task BadAddresses_Get400WithAReason_AndChangeNothing(string email)
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var visitor = new WebSession(site);

        using var response = await Subscribe(visitor, email);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("field-error", await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(0, await Count(site));
        Assert.Empty(AccountTests.Mailbox(site));
    }

    [Fact]
    public async Task TheSubscribeForm_NeedsItsAntiforgeryToken_AndIsRateLimited()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using var visitor = new WebSession(site);

        using var forged = await visitor.PostWithoutTokenAsync("/digests/subscribe", [new("Email", "ada@example.org")]);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(0, await Count(site));

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var r = await Subscribe(visitor, $"person{i}@example.org");
            statuses.Add(r.StatusCode);
        }
        Assert.Contains(HttpStatusCode.TooManyRequests, statuses);
        Assert.Equal(statuses.Count(s => s == HttpStatusCode.OK), await Count(site));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ForgedOrExpiredLinks_Get404Or400_AndChangeNothing(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using var visitor = new WebSession(site);
        (await Subscribe(visitor, "ada@example.org")).Dispose();
        var s = await Only(site);

        foreach (var path in new[] { "/digests/confirm", "/digests/manage", "/digests/unsubscribe" })
        {
            foreach (var query in new[] { $"?id={s.Id}&token=forged", $"?id={s.Id}", $"?id={s.Id + 1}&token={s.Token}", "?id=abc&token=x" })
            {
                using var get = await visitor.GetAsync(path + query);
                Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
                Assert.Contains("not valid", await get.Content.ReadAsStringAsync(Ct));
            }
        }
        using var oneClick = await visitor.PostWithoutTokenAsync($"/digests/unsubscribe?id={s.Id}&token=forged", [new("List-Unsubscribe", "One-Click")]);
        Assert.Equal(HttpStatusCode.NotFound, oneClick.StatusCode);
        Assert.Equal(SubscriptionStatus.Pending, (await Only(site)).Status);

        // A week later the confirmation link has expired.
        site.Clock.Advance(DigestRules.ConfirmationLifetime + TimeSpan.FromMinutes(1));
        var link = $"/digests/confirm?id={s.Id}&token={s.Token}";
        using var late = await visitor.PostFormAsync(link, link, []);
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("expired", await late.Content.ReadAsStringAsync(Ct));
        Assert.Equal(SubscriptionStatus.Pending, (await Only(site)).Status);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ThePreferencesPage_SavesGoodChoices_AndRefusesBadOnes(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using var visitor = new WebSession(site);
        var s = await ActiveAsync(site, visitor, "ada@example.org");
        var page = $"/digests/manage?id={s.Id}&token={s.Token}";

        using var saved = await visitor.PostFormAsync(page, page, Form("Weekly", "cs.CL\ncs\n", "graph neural networks", "Yann LeCun", "Europe/Paris", "7"));
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var after = await Only(site);
        Assert.Equal(DigestFrequency.Weekly, after.Frequency);
        Assert.Equal(["cs.CL", "cs"], after.Categories);
        Assert.Equal(["graph neural networks"], after.Searches);
        Assert.Equal(["Yann LeCun"], after.Authors);
        Assert.Equal(("Europe/Paris", 7), (after.TimeZone, after.Hour));

        foreach (var bad in new[]
        {
            Form("Daily", "not a category!", "", "", "UTC", "8"),
            Form("Daily", "", "", "", "Mars/Olympus", "8"),
            Form("Daily", "", "", "", "UTC", "24"),
            Form("Daily", "", "", string.Join('\n', Enumerable.Range(0, 30).Select(i => $"Author {i}")), "UTC", "8"),
        })
        {
            using var refused = await visitor.PostFormAsync(page, page, bad);
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("field-error", await refused.Content.ReadAsStringAsync(Ct));
        }
        var unchanged = await Only(site);
        Assert.Equal(("Europe/Paris", 7, DigestFrequency.Weekly), (unchanged.TimeZone, unchanged.Hour, unchanged.Frequency));
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task OneClickUnsubscribe_WorksWithoutCookieOrFormToken_AndCancelsWhatWasDue(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine);
        using var visitor = new WebSession(site);
        var s = await ActiveAsync(site, visitor, "ada@example.org");
        // The next day at 08:00 UTC the digest covering the day of subscribing is due.
        site.Clock.Advance(TimeSpan.FromDays(1));
        await using (var scope = site.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DigestScheduler>().EnqueueDueAsync(Ct));

        // A mail client's RFC 8058 POST: a fresh client, no cookie, no antiforgery token.
        using var mailClient = new WebSession(site);
        var url = $"/digests/unsubscribe?id={s.Id}&token={s.Token}";
        Assert.Contains("Stop the digest?", await mailClient.GetStringAsync(url));
        Assert.Equal(SubscriptionStatus.Active, (await Only(site)).Status);
        using var response = await mailClient.PostWithoutTokenAsync(url, [new("List-Unsubscribe", "One-Click")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(SubscriptionStatus.Unsubscribed, (await Only(site)).Status);
        await using var check = site.Services.CreateAsyncScope();
        var outbox = await check.ServiceProvider.GetRequiredService<AppDbContext>().DigestOutbox.SingleAsync(Ct);
        Assert.Equal(OutboxStatus.Cancelled, outbox.Status);
    }

    internal static Task<HttpResponseMessage> Subscribe(WebSession visitor, string email) =>
        visitor.PostFormAsync("/digests/subscribe", "/digests/subscribe", [new("Email", email)]);

    /// <summary>Subscribes and confirms through the pages; the subscription as stored.</summary>
    internal static async Task<Subscription> ActiveAsync(TestSite site, WebSession visitor, string email)
    {
        (await Subscribe(visitor, email)).Dispose();
        var link = AccountTests.LinkIn(AccountTests.Mailbox(site).Last(m => m.To.Mailboxes.Single().Address == email));
        (await visitor.PostFormAsync(link, link, [])).Dispose();
        await using var scope = site.Services.CreateAsyncScope();
        var s = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Subscriptions.AsNoTracking().SingleAsync(x => x.NormalizedEmail == email, Ct);
        Assert.Equal(SubscriptionStatus.Active, s.Status);
        return s;
    }

    private static KeyValuePair<string, string>[] Form(string frequency, string categories, string searches, string authors, string zone, string hour) =>
    [
        new("Frequency", frequency), new("Trending", "true"), new("Categories", categories), new("Searches", searches),
        new("Authors", authors), new("TimeZone", zone), new("Hour", hour),
    ];

    private static async Task<Subscription> Only(TestSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Subscriptions.AsNoTracking().SingleAsync(Ct);
    }

    private static async Task<int> Count(TestSite site)
    {
        await using var scope = site.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().Subscriptions.CountAsync(Ct);
    }
}

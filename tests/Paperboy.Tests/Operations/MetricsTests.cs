using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Paperboy.Digests;
using Paperboy.Tests.Digests;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Operations;

/// <summary>
/// <c>/metrics</c> in Prometheus text. Paperboy's counters belong to the process, which other tests share and may
/// be moving at the same time, so a test compares a counter before and after its own work.
/// </summary>
public class MetricsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateOnly Today = new(2025, 6, 4);

    [Fact]
    public async Task AfterARequest_HttpServerRequestDurationHasBuckets_AndRuntimeMetricsAreThere()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        using (var page = await site.GetAsync("/about/ranking")) Assert.Equal(HttpStatusCode.OK, page.StatusCode);

        // The duration is recorded as the request ends, which may be just after the client has the response.
        var done = new Regex("""^http_server_request_duration_seconds_bucket\{[^}]*http_route="about/ranking"[^}]*le="\+Inf"\} [1-9]""", RegexOptions.Multiline);
        var text = await ScrapeAsync(site);
        for (var i = 0; i < 50 && !done.IsMatch(text); i++)
        {
            await Task.Delay(100, Ct);
            text = await ScrapeAsync(site);
        }

        Assert.Matches(done, text);
        Assert.Matches(new Regex("""^http_server_request_duration_seconds_bucket\{[^}]*http_route="about/ranking"[^}]*le="0.005"\} \d""", RegexOptions.Multiline), text);
        Assert.Matches(new Regex("^dotnet_gc_heap_total_allocated_bytes_total", RegexOptions.Multiline), text);
        Assert.Contains("# TYPE http_server_request_duration_seconds histogram", text);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ADigestSend_MovesTheOutboxGauge_AndTheSentCounter(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?> { ["Paperboy:Search:CatchUpSeconds"] = "3600" });
        await site.SeedAsync(TestSite.Paper("2506.00001", Today, 40, "Sparse mixtures of tiny experts"));
        await DigestDeliveryTests.AddActiveAsync(site, "ada@example.org");
        site.Clock.Advance(TimeSpan.FromDays(1));
        var sentBefore = Value(await ScrapeAsync(site), "paperboy_digests_sent_total") ?? 0;

        await using (var scope = site.Services.CreateAsyncScope())
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<DigestScheduler>().EnqueueDueAsync(Ct));
        Assert.Equal(1, Value(await ScrapeAsync(site), "paperboy_outbox_depth"));

        var summary = await site.Services.GetRequiredService<DigestWorker>().RunOnceAsync(Ct);
        Assert.Equal(1, summary.Sent);

        var after = await ScrapeAsync(site);
        Assert.Equal(0, Value(after, "paperboy_outbox_depth"));
        Assert.True(Value(after, "paperboy_digests_sent_total") >= sentBefore + 1, after);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task PapersWrittenBehindTheIndex_ShowAsSearchLag_AndAsPapersWaitingForEmbeddings(Engine engine)
    {
        await using var site = await TestSite.StartAsync(engine, settings: new Dictionary<string, string?> { ["Paperboy:Search:CatchUpSeconds"] = "3600" });
        var indexer = site.Services.GetRequiredService<Paperboy.Search.Indexing.SearchIndexer>();
        await indexer.CatchUpAsync(Ct);
        // No round of the background indexer (its first may not have begun yet) takes the papers written next.
        await indexer.StopAsync(Ct);
        await site.SeedAsync(TestSite.Paper("2506.00001", Today, 4), TestSite.Paper("2506.00002", Today, 5));

        var text = await ScrapeAsync(site);

        Assert.Equal(2, Value(text, "paperboy_search_index_lag", "index=\"keyword\""));
        Assert.Equal(0, Value(text, "paperboy_search_index_lag", "index=\"vectors\""));
        Assert.Equal(2, Value(text, "paperboy_embeddings_pending"));
    }

    [Fact]
    public async Task AnImport_CountsPapersBySource()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);
        var before = Value(await ScrapeAsync(site), "paperboy_papers_imported_total", "source=\"ops-test\"") ?? 0;
        var rejectedBefore = Value(await ScrapeAsync(site), "paperboy_papers_rejected_total", "source=\"ops-test\"") ?? 0;
        await using (var db = site.Database.CreateContext())
        {
            var runner = new Paperboy.Import.ImportRunner(new Paperboy.Import.PaperWriter(db)) { Source = "ops-test" };
            Paperboy.Import.ImportItem[] items =
            [
                Paperboy.Import.ImportItem.Ok(new("a.jsonl", 1), TestSite.Paper("2506.00011", Today, 1)),
                Paperboy.Import.ImportItem.Ok(new("a.jsonl", 2), TestSite.Paper("2506.00012", Today, 1)),
                Paperboy.Import.ImportItem.Bad(new("a.jsonl", 3), "not a paper"),
            ];
            await runner.RunAsync(items, ct: Ct);
        }

        var text = await ScrapeAsync(site);

        Assert.Equal(before + 2, Value(text, "paperboy_papers_imported_total", "source=\"ops-test\""));
        Assert.Equal(rejectedBefore + 1, Value(text, "paperboy_papers_rejected_total", "source=\"ops-test\""));
    }

    [Fact]
    public async Task ForwardedOrRemoteRequests_NeedTheToken_AndDisabledMetricsAre404()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite, settings: new Dictionary<string, string?> { ["Paperboy:Metrics:Token"] = "s3cret-scrape" });
        using (var proxied = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            proxied.Headers.Add("X-Forwarded-For", "203.0.113.9");
            using var refused = await site.Client.SendAsync(proxied, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.DoesNotContain("http_server", await refused.Content.ReadAsStringAsync(Ct));
        }
        using (var wrong = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            wrong.Headers.Add("X-Forwarded-For", "203.0.113.9");
            wrong.Headers.Add("Authorization", "Bearer s3cret-scrapf");
            using var refused = await site.Client.SendAsync(wrong, Ct);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        using (var right = new HttpRequestMessage(HttpMethod.Get, "/metrics"))
        {
            right.Headers.Add("X-Forwarded-For", "203.0.113.9");
            right.Headers.Add("Authorization", "Bearer s3cret-scrape");
            using var allowed = await site.Client.SendAsync(right, Ct);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        await using var off = await TestSite.StartAsync(Engine.Sqlite, settings: new Dictionary<string, string?> { ["Paperboy:Metrics:Enabled"] = "false" });
        using var missing = await off.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    internal static async Task<string> ScrapeAsync(TestSite site)
    {
        using var response = await site.GetAsync("/metrics");
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    /// <summary>The value of the series <paramref name="name"/> whose labels contain <paramref name="label"/>; null when absent.</summary>
    internal static double? Value(string text, string name, string? label = null)
    {
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith(name + "{", StringComparison.Ordinal) && !line.StartsWith(name + " ", StringComparison.Ordinal)) continue;
            if (label is not null && !line.Contains(label, StringComparison.Ordinal)) continue;
            var value = line[(line.LastIndexOf('}') + 1)..].Trim().Split(' ')[0];
            return double.Parse(value, CultureInfo.InvariantCulture);
        }
        return null;
    }
}

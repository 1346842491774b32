using System.Net;
using System.Text.Json.Nodes;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// The real server on SQLite when its disk is full for real (the data folder on a small tmpfs, filled up). Writes
/// answer 503 with a page saying nothing was saved, the log says why, reads keep working, and
/// once the storage is back writes work again without a restart.
/// </summary>
public class StorageFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string Paper = "2506.00001";

    [Fact]
    public async Task DiskFull_WritesAnswer503AndSaveNothing_ReadsWork_AndWritesResumeWhenSpaceIsBack()
    {
        var folder = Directory.CreateTempSubdirectory("paperboy-full-").FullName;
        if (!await FaultSite.RunToolAsync("mount", "-t", "tmpfs", "-o", "size=48m", "tmpfs", folder))
            Assert.Skip("mounting a tmpfs is not permitted here (the test needs root in a VM or a privileged container)");
        try
        {
            await StorageCaseAsync(folder, async data =>
            {
                var filler = Path.Combine(data, "filler");
                await using (var f = new FileStream(filler, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
                {
                    var block = new byte[1 << 16];
                    try
                    {
                        while (true) await f.WriteAsync(block, Ct);
                    }
                    catch (IOException)
                    {
                        // No space left: exactly the state under test.
                    }
                }
                return () => File.Delete(filler);
            }, "the disk is full");
        }
        finally
        {
            await FaultSite.RunToolAsync("umount", "-l", folder);
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// Serves a populated site from <paramref name="folder"/>, breaks its storage with <paramref name="breakStorage"/>
    /// (which returns how to mend it), and checks writes, reads, the log and the recovery.
    /// </summary>
    private static async Task StorageCaseAsync(string folder, Func<string, Task<Action>> breakStorage, string logged)
    {
        var data = Path.Combine(folder, "data");
        await using (var database = await TestDatabase.CreateAsync(Engine.Sqlite))
        {
            await BackupSite.PopulateAsync(database, 5);
            await ScaleOutSite.AddMembersAsync(database, ["reader"]);
            BackupSite.ReleaseConnections();
            Assert.Equal(0, (await PaperboyProcess.RunAsync([.. database.CliArgs, "backup", "--out", Path.Combine(folder, "copy.db")])).ExitCode);
        }
        BackupSite.ReleaseConnections();
        Assert.Equal(0, (await PaperboyProcess.RunAsync(["--data", data, "restore", Path.Combine(folder, "copy.db")])).ExitCode);
        File.Delete(Path.Combine(folder, "copy.db"));

        var (server, http) = await BackupSite.ServeAsync(["--data", data]);
        using var _ = server;
        using var __ = http;
        using var browser = ScaleOutSite.Browser();
        var site = http.BaseAddress!;
        var token = await ScaleOutSite.TokenAsync(browser, new Uri(site, "/account/signin"));
        using (var signedIn = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/account/signin"), token,
                   [new("Form.Name", "reader"), new("Form.Password", WebSession.Password)]))
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        token = await ScaleOutSite.TokenAsync(browser, new Uri(site, "/papers/" + Paper));
        var upvotes = await UpvotesAsync(http);
        // The restored papers indexed first (a restore empties the index), so that search has something to find.
        var ready = DateTime.UtcNow.AddSeconds(30);
        while (!(await browser.GetStringAsync(new Uri(site, "/search?q=seeded+paper"), Ct)).Contains("/papers/2506.0000"))
        {
            Assert.True(DateTime.UtcNow < ready, "the restored papers were not indexed within 30 s");
            await Task.Delay(200, Ct);
        }

        var mend = await breakStorage(data);
        try
        {
            using (var vote = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/vote"), token, [new("paper", Paper), new("up", "true")]))
            {
                var page = await vote.Content.ReadAsStringAsync(Ct);
                Assert.True(vote.StatusCode == HttpStatusCode.ServiceUnavailable, $"vote: {(int)vote.StatusCode} {page[..Math.Min(page.Length, 300)]}");
                Assert.Contains("Not saved", page);
                Assert.Contains("cannot store changes at the moment", page);
                Assert.DoesNotContain("Exception", page);
            }
            using (var comment = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/comments"), token, [new("paper", Paper), new("body", "Lost words?")]))
                Assert.Equal(HttpStatusCode.ServiceUnavailable, comment.StatusCode);

            // Reads: the feed, the paper (without the comment), search and the API.
            using (var feed = await browser.GetAsync(new Uri(site, "/papers/date/2025-06-02"), Ct))
                Assert.True(feed.StatusCode == HttpStatusCode.OK, $"feed: {(int)feed.StatusCode}\n{Tail(server.Stdout)}");
            var paperPage = await browser.GetStringAsync(new Uri(site, "/papers/" + Paper), Ct);
            Assert.DoesNotContain("Lost words?", paperPage);
            Assert.Contains("/papers/2506.0000", await browser.GetStringAsync(new Uri(site, "/search?q=seeded+paper"), Ct));
            Assert.Equal(upvotes, await UpvotesAsync(http));

            var deadline = DateTime.UtcNow.AddSeconds(10);
            while (!server.Stdout.Contains(logged, StringComparison.Ordinal) && DateTime.UtcNow < deadline) await Task.Delay(100, Ct);
            Assert.True(server.Stdout.Contains($"Storage: POST /vote failed because {logged}"), Tail(server.Stdout));
        }
        finally
        {
            mend();
        }

        // The storage is back: the same vote is saved, with no restart.
        using (var vote = await ScaleOutSite.PostFormAsync(browser, new Uri(site, "/vote"), token, [new("paper", Paper), new("up", "true")], json: true))
            Assert.True(vote.StatusCode == HttpStatusCode.OK, $"vote after recovery: {(int)vote.StatusCode} {await vote.Content.ReadAsStringAsync(Ct)}");
        Assert.Equal(upvotes + 1, await UpvotesAsync(http));
    }

    private static string Tail(string log) => log[Math.Max(0, log.Length - 6000)..];

    private static async Task<int> UpvotesAsync(HttpClient http) =>
        (int)JsonNode.Parse(await http.GetStringAsync($"/api/papers/{Paper}", Ct))!["upvotes"]!;
}

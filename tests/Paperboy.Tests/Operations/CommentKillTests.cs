using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// A real <c>paperboy serve</c> killed (SIGKILL) while several members post comments and replies through the API:
/// after a restart every acknowledged comment is stored once, whole (text, rendering, thread place), no comment
/// exists that nobody sent, and the comment counts and trending scores agree with the rows.
/// </summary>
public partial class CommentKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Members = ["ana", "bo", "cy", "di", "ed"];
    private const int Papers = 5;
    private const int KillAfter = 80;

    /// <summary>A comment as its author sent it, with the id of the answer when there was one.</summary>
    private sealed record Sent(string Member, string Marker, string Paper, long? ParentId, string Body)
    {
        public long? Id { get; set; }
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task ServerKilledDuringComments_KeepsEveryAcknowledgedCommentOnce_AndCountsMatchRows(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        var secrets = await FaultSite.SeedAsync(database.CreateContext, Papers, Members);
        var (server, http) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
        var sent = new ConcurrentDictionary<string, Sent>();
        var refusals = new ConcurrentQueue<string>();
        using (server)
        using (http)
        {
            var stop = false;
            var writers = Members.Select((m, i) => Task.Run(() => CommentAsync(FaultSite.Member(http.BaseAddress!, secrets[m]), m, i, sent,
                () => Volatile.Read(ref stop), refusals), Ct)).ToList();
            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (sent.Values.Count(s => s.Id is not null) < KillAfter && writers.Any(w => !w.IsCompleted) && DateTime.UtcNow < deadline)
                await Task.Delay(5, Ct);
            server.Kill();
            Volatile.Write(ref stop, true);
            await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        }

        Assert.Empty(refusals);
        var acknowledged = sent.Values.Where(s => s.Id is not null).ToList();
        Assert.True(acknowledged.Count >= KillAfter, "the writers stopped before the kill:\n" + server.Stderr);
        Assert.Contains(acknowledged, s => s.ParentId is not null);
        // Requests were cut off by the kill, not only between requests.
        Assert.Contains(sent.Values, s => s.Id is null);

        await using (var db = database.CreateContext())
        {
            var rows = await db.Comments.AsNoTracking().ToListAsync(Ct);
            var arxivIds = await db.Papers.ToDictionaryAsync(p => p.Id, p => p.ArxivId, Ct);
            var byMarker = rows.GroupBy(c => Marker().Match(c.Body).Value).ToDictionary(g => g.Key, g => g.ToList());
            Assert.All(byMarker, g => Assert.True(sent.ContainsKey(g.Key), $"a comment nobody sent: {g.Value[0].Body}"));
            Assert.All(byMarker, g => Assert.True(g.Value.Count == 1, $"{g.Value.Count} comments for one request {g.Key}"));
            foreach (var s in acknowledged)
            {
                Assert.True(byMarker.TryGetValue(s.Marker, out var stored), $"acknowledged comment {s.Marker} (id {s.Id}) is lost");
                var row = Assert.Single(stored);
                Assert.Equal(s.Id, row.Id);
                Assert.Equal(s.Paper, arxivIds[row.PaperId]);
                Assert.Equal(s.ParentId, row.ParentId);
                Assert.Equal(s.Body, row.Body);
            }
            // Whatever was stored, acknowledged or not, is whole: its rendering is there and its parent is on its paper.
            var ids = rows.ToDictionary(c => c.Id);
            Assert.All(rows, c =>
            {
                Assert.Contains("<em>", c.Html);
                if (c.ParentId is { } parent) Assert.Equal(c.PaperId, ids[parent].PaperId);
            });
        }
        await FaultSite.AssertDerivedStateAsync(database.CreateContext);

        // The restarted site shows the stored threads and counts, and takes comments again.
        var (again, http2) = await BackupSite.ServeAsync(database.CliArgs, FaultSite.Settings);
        using (again)
        using (http2)
        {
            for (var p = 1; p <= Papers; p++)
            {
                var thread = JsonNode.Parse(await http2.GetStringAsync($"/api/papers/{FaultSite.PaperId(p)}/comments", Ct))!;
                var listed = thread["comments"]!.AsArray().Select(c => (long)c!["id"]!).ToHashSet();
                var expected = acknowledged.Where(s => s.Paper == FaultSite.PaperId(p)).Select(s => s.Id!.Value).ToList();
                Assert.All(expected, id => Assert.Contains(id, listed));
                Assert.Equal(listed.Count, (int)thread["numComments"]!);
            }
            using var client = FaultSite.Member(http2.BaseAddress!, secrets[Members[0]]);
            using var response = await client.PostAsJsonAsync($"/api/papers/{FaultSite.PaperId(1)}/comments",
                new { body = "After the restart, *still* here." }, Ct);
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
        await FaultSite.AssertDerivedStateAsync(database.CreateContext);
    }

    /// <summary>
    /// Posts comments as one member, one after another, every third a reply to their last acknowledged comment, until
    /// told to stop or the server no longer answers. Each body carries a marker naming the request.
    /// </summary>
    private static async Task CommentAsync(HttpClient member, string name, int seed, ConcurrentDictionary<string, Sent> sent,
        Func<bool> stop, ConcurrentQueue<string> refusals)
    {
        var random = new Random(seed);
        Sent? last = null;
        for (var n = 1; !stop(); n++)
        {
            var reply = n % 3 == 0 && last is not null;
            var paper = reply ? last!.Paper : FaultSite.PaperId(random.Next(1, Papers + 1));
            var marker = $"[{name}-{n}]";
            var comment = new Sent(name, marker, paper, reply ? last!.Id : null, $"Point {marker}: see *section {n}* of the paper.");
            sent[marker] = comment;
            try
            {
                using var response = await member.PostAsJsonAsync($"/api/papers/{paper}/comments",
                    new { body = comment.Body, parentId = comment.ParentId }, Ct);
                var body = await response.Content.ReadAsStringAsync(Ct);
                if (response.StatusCode != HttpStatusCode.Created)
                {
                    refusals.Enqueue($"{name}: {(int)response.StatusCode} {body}");
                    continue;
                }
                comment.Id = (long)JsonNode.Parse(body)!["id"]!;
                last = comment;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !Ct.IsCancellationRequested)
            {
                return; // the server is gone; this comment may or may not have been stored
            }
        }
    }

    [GeneratedRegex(@"\[\w+-\d+\]")]
    private static partial Regex Marker();
}

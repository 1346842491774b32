using System.Numerics.Tensors;
using Microsoft.EntityFrameworkCore;
using Paperboy.Import;
using Paperboy.Search.Embeddings;
using Paperboy.Search.Indexing;
using Paperboy.Search.Keyword;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

/// <summary>
/// The real program killed (SIGKILL) while it indexes or embeds: after a restart the index and the vectors are
/// complete and match the database.
/// </summary>
public class SearchKillTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Topics = ["graphs", "proteins", "galaxies", "markets", "robots", "languages", "storms", "chips"];

    private static async Task SeedAsync(TestDatabase database, int count)
    {
        var records = Enumerable.Range(1, count).Select(i => new PaperRecord
        {
            ArxivId = $"2501.{i:00000}",
            Version = 1,
            Title = $"On {Topics[i % Topics.Length]} and marker{i}",
            Abstract = $"A study of {Topics[i % Topics.Length]} number {i}, with {Topics[(i * 7) % Topics.Length]} as a baseline.",
            Authors = [$"Author {i % 97}"],
            Categories = ["cs.LG"],
            PublishedAt = new DateTime(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i),
        }).ToList();
        await using var db = database.CreateContext();
        await new PaperWriter(db).WriteAsync(records, ct: Ct);
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task IndexEmbed_KilledPartWayAndRunAgain_LeavesEveryPaperWithTheVectorOfItsText(Engine engine)
    {
        await using var database = await TestDatabase.CreateAsync(engine);
        // Enough papers that the run is still embedding when its first batch is seen (300 short ones were once all
        // embedded between two looks).
        const int papers = 1000;
        await SeedAsync(database, papers);

        using (var run = PaperboyProcess.Start([.. database.CliArgs, "index", "embed", "--batch-size", "16"]))
        {
            await using var db = database.CreateContext();
            while (await db.Embeddings.CountAsync(Ct) == 0 && !run.HasExited) await Task.Delay(20, Ct);
            run.Kill();
            Assert.False(run.Stdout.Contains("brought level"), "the run finished before it could be killed");
        }
        await using (var db = database.CreateContext())
            Assert.InRange(await db.Embeddings.CountAsync(Ct), 1, papers - 1);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, "index", "embed"]);

        Assert.True(code == 0, stderr);
        Assert.Contains("brought level with arctic-xs", stdout);
        await using var check = database.CreateContext();
        var rows = await (from p in check.Papers
                          join e in check.Embeddings on p.Id equals e.PaperId into es
                          from e in es.DefaultIfEmpty()
                          select new { p.Title, p.Abstract, p.ChangeNumber, Row = e }).ToListAsync(Ct);
        Assert.Equal(papers, rows.Count);
        Assert.All(rows, r =>
        {
            Assert.NotNull(r.Row);
            Assert.Equal(r.ChangeNumber, r.Row.ChangeNumber);
            Assert.Equal(EmbeddingSync.TextHash(r.Title, r.Abstract), r.Row.TextHash);
        });
        // The stored vectors are the model's for each text, whichever run computed them.
        var sample = rows.Where((_, i) => i % 50 == 0).ToList();
        var fresh = EmbeddingModels.Get("arctic-xs").EmbedDocuments(sample.Select(s => (s.Title, s.Abstract)).ToList());
        for (var i = 0; i < sample.Count; i++)
            Assert.True(TensorPrimitives.CosineSimilarity(fresh[i], VectorCodec.FromBytes(sample[i].Row!.Vector)) > 0.999);
    }

    private static long Committed(string folder)
    {
        try
        {
            return KeywordIndex.CommittedChangeNumberIn(folder);
        }
        catch (IOException)
        {
            return 0; // a commit being written: look again
        }
    }

    [Fact]
    public async Task IndexRebuild_KilledPartWay_ThenCaughtUp_HoldsEveryPaperOnce()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        const int papers = 40_000;
        await SeedAsync(database, papers);
        var folder = Path.Combine(database.Data.Path, "index", "keyword");

        using (var run = PaperboyProcess.Start([.. database.CliArgs, "index", "rebuild"]))
        {
            // Killed once the first batch is committed: the emptied index commits change number 0, a batch its last.
            while (Committed(folder) == 0 && !run.HasExited) await Task.Delay(10, Ct);
            run.Kill();
            Assert.False(run.Stdout.Contains("papers indexed"), "the rebuild finished before it could be killed");
        }

        using var index = new KeywordIndex(folder);
        await using var db = database.CreateContext();
        var latest = await PaperChanges.LatestAsync(db, Ct);
        Assert.InRange(index.CommittedChangeNumber, 1, latest - 1);

        await KeywordSync.CatchUpAsync(db, index, Ct);

        Assert.Equal(papers, index.Count);
        Assert.Equal(latest, index.CommittedChangeNumber);
        var hit = Assert.Single(index.Search(Paperboy.Search.SearchQuery.Parse("marker12345"), 10).Hits);
        Assert.Equal("2501.12345", hit.ArxivId);
    }
}

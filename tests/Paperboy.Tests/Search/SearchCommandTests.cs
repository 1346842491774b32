using System.Text.Json.Nodes;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Search;

/// <summary><c>paperboy search</c> and <c>paperboy index</c> as a user runs them.</summary>
public class SearchCommandTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Search_CatchesTheIndexUp_AndPrintsTextOrHuggingFacesJson()
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        await using (var db = database.CreateContext())
            await new PaperWriter(db).WriteAsync(SearchSite.Papers(), ct: Ct);

        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, "search", "radar", "--mode", "keyword"]);
        Assert.True(code == 0, stderr);
        Assert.Contains("2 results (keyword)", stdout);
        Assert.Matches(@"1\. 2506\.00002 +Storm and precipitation nowcasting", stdout);

        (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, "search", "contracts", "--json", "--limit", "5"]);
        Assert.True(code == 0, stderr);
        var entry = Assert.Single(JsonNode.Parse(stdout)!.AsArray())!;
        Assert.Equal("2506.00004", (string?)entry["paper"]!["id"]);
        // No embeddings yet: the hybrid search ran on words and said so.
        Assert.Contains("not ready yet", stderr);
    }

    [Theory]
    [InlineData("search", "x", "--mode", "psychic")]
    [InlineData("search", "x", "--limit", "0")]
    [InlineData("search", "x", "--limit", "101")]
    [InlineData("index", "embed", "--model", "gpt-9")]
    [InlineData("index", "embed", "--batch-size", "0")]
    [InlineData("eval", "beir", "/nonexistent", "--mode", "hybrid")]
    public async Task BadArguments_ExitWith2AndSayWhy(params string[] args)
    {
        await using var database = await TestDatabase.CreateAsync(Engine.Sqlite);
        var (code, _, stderr) = await PaperboyProcess.RunAsync([.. database.CliArgs, .. args]);
        Assert.Equal(2, code);
        Assert.False(string.IsNullOrWhiteSpace(stderr));
    }
}

using System.Text.Json;
using System.Text.Json.Nodes;
using Paperboy.Recommendations;
using Paperboy.Recommendations.Eval;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Recommendations;

public sealed class RecommendEvalTests
{
    private const string Archive = "hf-daily-papers/daily-papers-2024-05-to-2026-08.jsonl.gz";
    private static readonly DateOnly Start = new(2025, 3, 1);

    /// <summary>Hugging Face daily entries, one a day: (arXiv id, day, submitter, authors, upvotes).</summary>
    private static string Write(IEnumerable<(string Id, DateOnly Day, string? User, string[] Authors, int Upvotes)> entries)
    {
        var path = Path.Combine(Path.GetTempPath(), $"paperboy-rec-{Guid.NewGuid():N}.jsonl");
        File.WriteAllLines(path, entries.Select(e => new JsonObject
        {
            ["_archive_date"] = e.Day.ToString("yyyy-MM-dd"),
            ["paper"] = new JsonObject
            {
                ["id"] = e.Id,
                ["title"] = $"Paper {e.Id}",
                ["summary"] = $"About {e.Id}.",
                ["upvotes"] = e.Upvotes,
                ["authors"] = new JsonArray(e.Authors.Select(a => (JsonNode)new JsonObject { ["name"] = a }).ToArray()),
                ["submittedOnDailyBy"] = e.User is null ? null : new JsonObject { ["user"] = e.User },
            },
        }.ToJsonString()));
        return path;
    }

    /// <summary>
    /// Sixty days; "ada" submits the papers of Ada's group (every fourth day), "bob" eight others (too few to be a
    /// member of the evaluation), nobody the rest; the most upvoted papers are none of Ada's.
    /// </summary>
    private static List<(string, DateOnly, string?, string[], int)> Entries() =>
        Enumerable.Range(0, 60).Select(i => i % 4 == 0
            ? ($"2503.{i:D5}", Start.AddDays(i), (string?)"ada", new[] { "Ada Lovelace", $"Student {i}" }, 1)
            : ($"2503.{i:D5}", Start.AddDays(i), i % 8 == 2 ? "bob" : null, new[] { $"Someone {i}" }, 100 + i)).ToList();

    [Fact]
    public void Each_submitter_is_split_in_half_by_feed_day_and_validation_stays_before_the_split()
    {
        var path = Write(Entries());
        try
        {
            var set = RecommendSet.Load(path);
            Assert.Equal(60, set.Papers.Count);
            var ada = Assert.Single(set.Users);
            Assert.Equal("ada", ada.User);
            Assert.Equal(7, ada.Liked.Length); // half of 15
            Assert.Equal(Start.AddDays(24), ada.Split);
            Assert.Equal(8, ada.Relevant.Count);
            Assert.All(ada.Candidates, p => Assert.True(set.Papers[p].Day > ada.Split));
            Assert.All(ada.Background, p => Assert.True(set.Papers[p].Day <= ada.Split));
            Assert.Subset(ada.Candidates.ToHashSet(), ada.Relevant);

            var validation = Assert.Single(set.Validation());
            Assert.All(validation.Candidates.Concat(validation.Relevant), p => Assert.True(set.Papers[p].Day <= ada.Split));
            Assert.Subset(ada.Liked.ToHashSet(), validation.Relevant);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public void Scores_follow_what_each_method_sees()
    {
        var path = Write(Entries());
        try
        {
            var set = RecommendSet.Load(path);
            // Vectors say nothing here (one direction for all), so only authors and upvotes can tell papers apart.
            var vectors = set.Papers.Select(_ => Enumerable.Repeat(1 / MathF.Sqrt(384), 384).ToArray()).ToArray();
            var eval = new RecommendEval(set, vectors);
            Assert.Equal(1.0, eval.Run("paperboy", set.Users).Recall, 6);
            Assert.Equal(1.0, eval.Run("paperboy", set.Users).Ndcg, 6);
            // Ada's papers have the fewest upvotes: 8 of the 35 later papers, below the 27 others.
            Assert.Equal(0.0, eval.Run("popularity", set.Users).Recall, 6);
            Assert.Throws<ArgumentException>(() => eval.Run("magic", set.Users));
        }
        finally { File.Delete(path); }
    }

    /// <summary>The real archive, without embeddings: the baselines that need none, and the author part alone.</summary>
    [Fact]
    public void On_real_submissions_the_author_part_alone_beats_trending_and_both_arxiv_sanity_recipes()
    {
        var set = RecommendSet.Load(SharedData.File(Archive));
        Assert.Equal(9_577, set.Papers.Count);
        Assert.Equal(48, set.Users.Count);
        var noVectors = set.Papers.Select(_ => Array.Empty<float>()).ToArray();
        var eval = new RecommendEval(set, noVectors);
        var popularity = eval.Run("popularity", set.Users);
        var svm = eval.Run("arxiv-sanity", set.Users);
        var authors = eval.Run("paperboy-authors", set.Users);
        // arxiv-sanity-lite puts author names in its documents: far stronger here, still below the author part.
        var svmWithAuthors = eval.Run("arxiv-sanity-authors", set.Users);
        Assert.True(svmWithAuthors.Recall > svm.Recall + 0.3, $"{svmWithAuthors.Recall} against {svm.Recall}");
        Assert.True(authors.Recall > svmWithAuthors.Recall, $"{authors.Recall} against {svmWithAuthors.Recall}");
        Assert.InRange(svm.Recall, 0.15, 0.30);
        Assert.True(svm.Recall > popularity.Recall * 5, $"{svm.Recall} against {popularity.Recall}");
        Assert.True(authors.Recall > svm.Recall + 0.3, $"{authors.Recall} against {svm.Recall}");
        Assert.True(authors.Ndcg > svm.Ndcg + 0.3, $"{authors.Ndcg} against {svm.Ndcg}");
    }

    [Fact]
    public async Task The_command_refuses_bad_input_with_a_reason()
    {
        var (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "recommend", "/nonexistent/entries.jsonl"]);
        Assert.Equal(2, code);
        Assert.Contains("no such file", stderr);

        var path = Write(Entries().Take(8));
        try
        {
            (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "recommend", path]);
            Assert.Equal(2, code);
            Assert.Contains("no submitter has 10 submissions", stderr);
            (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "recommend", path, "--method", "magic"]);
            Assert.Equal(2, code);
            Assert.Contains("Unknown method 'magic'", stderr);
            (code, _, stderr) = await PaperboyProcess.RunAsync(["eval", "recommend", path, "--set", "C=abc"]);
            Assert.Equal(2, code);
            Assert.Contains("--set C=abc", stderr);
        }
        finally { File.Delete(path); }
    }

    [Fact]
    public async Task The_command_prints_the_table_as_json()
    {
        var path = Write(Entries());
        try
        {
            var (code, stdout, stderr) = await PaperboyProcess.RunAsync(["eval", "recommend", path, "--json", "--method", "popularity", "paperboy"],
                TimeSpan.FromMinutes(3));
            Assert.True(code == 0, stderr);
            using var json = JsonDocument.Parse(stdout);
            Assert.Equal(1, json.RootElement.GetProperty("members").GetInt32());
            var methods = json.RootElement.GetProperty("methods").EnumerateArray().ToDictionary(m => m.GetProperty("method").GetString()!);
            Assert.Equal(0.0, methods["popularity"].GetProperty("recall20").GetDouble());
            Assert.Equal(1.0, methods["paperboy"].GetProperty("recall20").GetDouble());
        }
        finally { File.Delete(path); }
    }
}

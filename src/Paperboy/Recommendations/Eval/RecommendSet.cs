using Paperboy.Import;

namespace Paperboy.Recommendations.Eval;

/// <summary>A paper of the evaluation, by its position in <see cref="RecommendSet.Papers"/>.</summary>
public sealed record EvalPaper(string ArxivId, string Title, string Abstract, IReadOnlyList<string> Authors, DateOnly Day, int Upvotes);

/// <summary>
/// One member's test: the papers they submitted before the split (what a model learns from), the papers that
/// appeared after it (what it ranks) and which of those they submitted (what it should find).
/// </summary>
public sealed record UserCase(string User, DateOnly Split, int[] Liked, int[] Background, int[] Candidates, HashSet<int> Relevant);

/// <summary>
/// Real behaviour for judging recommendations: Hugging Face daily entries with their submitters. Each submitter
/// with at least <see cref="MinSubmissions"/> submissions is a member who "likes" what they submitted. Their
/// submissions in feed-day order are split in half: the first half is what they showed before the split day, and
/// every paper that appeared on the feed after that day is ranked for them; their later submissions are the
/// right answers.
/// </summary>
public sealed class RecommendSet
{
    public const int MinSubmissions = 10;

    public required IReadOnlyList<EvalPaper> Papers { get; init; }
    public required IReadOnlyList<UserCase> Users { get; init; }
    public int Entries { get; init; }
    public int Rejected { get; init; }

    /// <summary>Reads Hugging Face daily entries (what <c>paperboy import hf</c> reads).</summary>
    public static RecommendSet Load(string path, double trainShare = 0.5)
    {
        var papers = new List<EvalPaper>();
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var submissions = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        int entries = 0, rejected = 0;
        using (var file = new InputFile(path))
            foreach (var item in HfDailyReader.Read(file))
            {
                if (item.Record is not { Daily: { } daily } r) { rejected++; continue; }
                entries++;
                if (!byId.TryGetValue(r.ArxivId, out var at))
                {
                    at = papers.Count;
                    byId[r.ArxivId] = at;
                    papers.Add(new EvalPaper(r.ArxivId, r.Title ?? "", r.Abstract ?? "", r.Authors ?? [], daily.Day, daily.Upvotes));
                }
                if (daily.SubmittedBy is { Length: > 0 } who)
                {
                    if (!submissions.TryGetValue(who, out var list)) submissions[who] = list = [];
                    if (!list.Contains(at)) list.Add(at);
                }
            }
        return new RecommendSet { Papers = papers, Users = Cases(papers, submissions, trainShare, MinSubmissions), Entries = entries, Rejected = rejected };
    }

    /// <summary>The cases of every submitter with enough submissions, in name order.</summary>
    public static List<UserCase> Cases(IReadOnlyList<EvalPaper> papers, IReadOnlyDictionary<string, List<int>> submissions, double trainShare, int minSubmissions)
    {
        var cases = new List<UserCase>();
        foreach (var (user, list) in submissions.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            if (list.Count < minSubmissions) continue;
            var ordered = list.OrderBy(p => papers[p].Day).ThenBy(p => papers[p].ArxivId, StringComparer.Ordinal).ToArray();
            var liked = ordered[..Math.Max(1, (int)(ordered.Length * trainShare))];
            var split = papers[liked[^1]].Day;
            var candidates = Enumerable.Range(0, papers.Count).Where(p => papers[p].Day > split).ToArray();
            var relevant = ordered.Where(p => papers[p].Day > split).ToHashSet();
            if (relevant.Count == 0) continue;
            var background = Enumerable.Range(0, papers.Count).Where(p => papers[p].Day <= split).ToArray();
            cases.Add(new UserCase(user, split, liked, background, candidates, relevant));
        }
        return cases;
    }

    /// <summary>
    /// The same members one step earlier, for choosing a model's settings without touching the test: each
    /// member's liked papers are split again, and the later part of them is what the model must find.
    /// </summary>
    public IReadOnlyList<UserCase> Validation(double trainShare = 0.5)
    {
        var cases = new List<UserCase>();
        foreach (var u in Users)
        {
            var inner = Cases(Papers, new Dictionary<string, List<int>> { [u.User] = [.. u.Liked] }, trainShare, 4);
            // Only papers up to the real split exist for validation: nothing after it may leak in.
            foreach (var c in inner)
                cases.Add(c with
                {
                    Candidates = c.Candidates.Where(p => Papers[p].Day <= u.Split).ToArray(),
                    Relevant = c.Relevant,
                });
        }
        return cases;
    }
}

using Paperboy.Search;

namespace Paperboy.Bench.Search;

/// <summary>One benchmark query: its kind (a row of the results table), its text and whether it asks for facets.</summary>
public sealed record BenchQuery(string Kind, string Text, bool Facets);

/// <summary>
/// Realistic queries drawn from the indexed papers themselves (so they find something, as a reader's do): title
/// words, whole titles, phrases, filters, authors, ids. Deterministic for a seed.
/// </summary>
public static class QueryWorkload
{
    private static readonly HashSet<string> Stop = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "if", "in", "into", "is", "it", "no", "not",
        "of", "on", "or", "such", "that", "the", "their", "then", "there", "these", "they", "this", "to", "via", "was",
        "will", "with", "we", "our", "using", "towards", "toward",
    };

    public static readonly string[] Kinds =
    [
        "2-3 title words", "2-3 title words + facets", "whole title", "phrase + word", "words + category + year",
        "author + word", "filters only (newest first) + facets", "arXiv id",
    ];

    public static List<BenchQuery> Create(IReadOnlyList<SearchDocument> papers, int perKind, int seed)
    {
        var random = new Random(seed);
        var queries = new List<BenchQuery>();
        foreach (var kind in Kinds)
        {
            for (var made = 0; made < perKind;)
            {
                var p = papers[random.Next(papers.Count)];
                if (Make(kind, p, random) is { } text)
                {
                    queries.Add(new BenchQuery(kind, text, kind.EndsWith("facets", StringComparison.Ordinal)));
                    made++;
                }
            }
        }
        return queries;
    }

    private static string? Make(string kind, SearchDocument p, Random random)
    {
        var tokens = p.Title.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(w => w.Trim(',', '.', ':', ';', '(', ')', '"', '?', '!')).ToList();
        var words = tokens.Where(IsContentWord).ToList();
        string Pick(int n) => string.Join(' ', words.OrderBy(_ => random.Next()).Take(n));
        var category = p.Categories.FirstOrDefault();
        return kind switch
        {
            "2-3 title words" or "2-3 title words + facets" when words.Count >= 3 => Pick(random.Next(2, 4)),
            "whole title" when p.Title.Length > 0 => p.Title.Replace('"', ' '),
            "phrase + word" when words.Count >= 3 => PhraseAndWord(tokens, words, random),
            "words + category + year" when words.Count >= 2 && category is not null && p.PublishedAt is { } d =>
                $"{Pick(2)} category:{category} year:{d.Year}",
            "author + word" when words.Count >= 1 && p.Authors.Count > 0 && FamilyName(p.Authors[random.Next(p.Authors.Count)]) is { } name =>
                $"author:{name} {Pick(1)}",
            "filters only (newest first) + facets" when category is not null && p.PublishedAt is { } d => $"category:{category} year:{d.Year}",
            "arXiv id" when p.ArxivId.Length > 0 => p.ArxivId,
            _ => null,
        };
    }

    /// <summary>Two adjacent title words in quotes, and another title word.</summary>
    private static string? PhraseAndWord(List<string> tokens, List<string> words, Random random)
    {
        var starts = Enumerable.Range(0, tokens.Count - 1).Where(i => IsContentWord(tokens[i]) && IsContentWord(tokens[i + 1])).ToList();
        if (starts.Count == 0) return null;
        var at = starts[random.Next(starts.Count)];
        var other = words.FirstOrDefault(w => w != tokens[at] && w != tokens[at + 1]);
        return other is null ? null : $"\"{tokens[at]} {tokens[at + 1]}\" {other}";
    }

    private static bool IsContentWord(string w) => w.Length >= 3 && !Stop.Contains(w) && w.All(c => char.IsLetterOrDigit(c) || c == '-');

    private static string? FamilyName(string author)
    {
        var last = author.Split(' ', StringSplitOptions.RemoveEmptyEntries).LastOrDefault();
        return last is { Length: >= 2 } && last.All(char.IsLetter) ? last : null;
    }
}

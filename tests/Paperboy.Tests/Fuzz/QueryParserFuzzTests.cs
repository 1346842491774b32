using CsCheck;
using Paperboy.Papers;
using Paperboy.Search;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// <see cref="SearchQuery.Parse"/> against generated input: it never throws, answers quickly, and what it returns
/// hangs together (every word, phrase and filter value comes from the input; the text is the words and phrases).
/// </summary>
public sealed class QueryParserFuzzTests
{
    private const int Seconds = 5;

    [Fact]
    public Task Parse_AnyInput_NeverThrowsAndThePiecesAgree() =>
        FuzzRun.Sample(QueryInputs.Any, input =>
        {
            var q = ReaderContract.Bounded(input.Length * 2, () => SearchQuery.Parse(input));
            Consistent(q);
            // The cleaned input is its own cleaning: read again, it says the same.
            var again = SearchQuery.Parse(q.Input);
            Assert.Equal(q.Input, again.Input);
            Assert.Equal(Shape(q), Shape(again));
        }, FuzzInputs.Print, Seconds);

    [Fact]
    public Task Parse_PlainWords_AreTheWordsInOrder() =>
        FuzzRun.Sample(Gen.Select(QueryInputs.PlainWord.Array[1, 100], QueryInputs.Space.Array[100]), input =>
        {
            var (words, spaces) = input;
            var q = SearchQuery.Parse(string.Concat(words.Select((w, i) => spaces[i] + w)));
            var expected = words.Where(w => w.Any(char.IsLetterOrDigit) && !ArxivId.TryParse(w, out _)).Take(SearchQuery.MaxTerms).ToList();
            Assert.Equal(expected, q.Words);
            Assert.Equal(string.Join(' ', expected), q.Text);
            Assert.Empty(q.Phrases);
            Assert.False(q.HasFilters);
            Assert.Equal(words.Where(w => ArxivId.TryParse(w, out _)).Select(w => { ArxivId.TryParse(w, out var id); return id!; }).Distinct(), q.ArxivIds);
        }, input => FuzzInputs.Print(string.Concat(input.Item1.Select((w, i) => input.Item2[i] + w))), Seconds);

    private static void Consistent(SearchQuery q)
    {
        Assert.True(q.Input.Length <= SearchQuery.MaxLength);
        Assert.Equal(q.Input.Trim(), q.Input);
        Assert.DoesNotContain(q.Input, char.IsControl);
        for (var i = 0; i < q.Input.Length; i++)
            Assert.False(char.IsSurrogate(q.Input[i]) && !char.IsSurrogatePair(q.Input, i > 0 && char.IsLowSurrogate(q.Input[i]) ? i - 1 : i),
                $"a lone surrogate at {i}");
        Assert.True(q.Words.Count + q.Phrases.Count <= SearchQuery.MaxTerms);
        foreach (var w in q.Words)
        {
            Assert.Contains(w, q.Input, StringComparison.Ordinal);
            Assert.Contains(w, char.IsLetterOrDigit);
            Assert.DoesNotContain(w, c => char.IsWhiteSpace(c) || c == '"');
        }
        foreach (var text in q.Phrases.Concat(q.Authors))
        {
            Assert.Equal(string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), text);
            Assert.All(text.Split(' '), piece => Assert.Contains(piece, q.Input, StringComparison.Ordinal));
            Assert.Contains(text, char.IsLetterOrDigit);
        }
        // The text is the words and phrases, nothing more and nothing less (in the order typed, which interleaves them).
        Assert.Equal(q.Words.Concat(q.Phrases.SelectMany(p => p.Split(' '))).Order(StringComparer.Ordinal),
            q.Text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        Assert.All(q.Categories, c => Assert.Matches(@"^[A-Za-z]+(?:-[A-Za-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$", c));
        Assert.Equal(q.Categories.Count, q.Categories.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        Assert.All(q.ArxivIds, id => Assert.True(ArxivId.TryParse(id, out var again, out var v) && again == id && v == 0, id));
        Assert.Equal(q.ArxivIds.Count, q.ArxivIds.Distinct().Count());
        if (q.From > q.To) Assert.Contains(q.Notes, n => n.Contains("do not overlap", StringComparison.Ordinal));
        Assert.True(q.Notes.Count <= 8);
        Assert.All(q.Notes, n => Assert.EndsWith(".", n));
        Assert.Equal(q.Notes.Count, q.Notes.Distinct().Count());
    }

    private static string Shape(SearchQuery q) => string.Join(" | ",
        string.Join(",", q.Words), string.Join(",", q.Phrases), q.Text, string.Join(",", q.Authors), string.Join(",", q.Categories),
        q.From, q.To, q.HasCode, string.Join(",", q.ArxivIds));
}

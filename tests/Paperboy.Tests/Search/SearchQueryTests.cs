using Paperboy.Search;

namespace Paperboy.Tests.Search;

public class SearchQueryTests
{
    [Fact]
    public void Parse_PlainWords_AreWordsAndText()
    {
        var q = SearchQuery.Parse("  graph   neural networks ");
        Assert.Equal(["graph", "neural", "networks"], q.Words);
        Assert.Equal("graph neural networks", q.Text);
        Assert.True(q.HasText);
        Assert.False(q.HasFilters);
        Assert.Empty(q.Notes);
    }

    [Fact]
    public void Parse_QuotedPhrase_IsAPhraseAndPartOfTheTextInOrder()
    {
        var q = SearchQuery.Parse("survey \"attention is  all you need\" transformers");
        Assert.Equal(["attention is all you need"], q.Phrases);
        Assert.Equal(["survey", "transformers"], q.Words);
        Assert.Equal("survey attention is all you need transformers", q.Text);
    }

    [Fact]
    public void Parse_TypographicQuotes_AreQuotes()
    {
        var q = SearchQuery.Parse("\u201Cdiffusion model\u201D");
        Assert.Equal(["diffusion model"], q.Phrases);
    }

    [Theory]
    [InlineData("author:hinton", "hinton")]
    [InlineData("Author:Hinton", "Hinton")]
    [InlineData("author:\"Geoffrey  Hinton\"", "Geoffrey Hinton")]
    [InlineData("author:\"Yann LeCun\" vision", "Yann LeCun")]
    public void Parse_Author_IsAFilterNotText(string input, string author)
    {
        var q = SearchQuery.Parse(input);
        Assert.Equal([author], q.Authors);
        Assert.DoesNotContain(q.Words, w => w.Contains("author", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(q.Notes);
    }

    [Fact]
    public void Parse_SeveralFilters_AllKeptAndTextIsTheRest()
    {
        var q = SearchQuery.Parse("author:bengio \"graph neural\" category:cs.LG category:stat networks year:2024 has:code");
        Assert.Equal(["bengio"], q.Authors);
        Assert.Equal(["cs.LG", "stat"], q.Categories);
        Assert.Equal(new DateOnly(2024, 1, 1), q.From);
        Assert.Equal(new DateOnly(2024, 12, 31), q.To);
        Assert.True(q.HasCode);
        Assert.Equal("graph neural networks", q.Text);
        Assert.Empty(q.Notes);
    }

    [Theory]
    [InlineData("year:2024", "2024-01-01", "2024-12-31")]
    [InlineData("year:2020..2023", "2020-01-01", "2023-12-31")]
    [InlineData("year:2021..", "2021-01-01", null)]
    [InlineData("year:..2023", null, "2023-12-31")]
    [InlineData("date:2025-01-01..2025-03-31", "2025-01-01", "2025-03-31")]
    [InlineData("date:2025-02", "2025-02-01", "2025-02-28")]
    [InlineData("date:2024-02..2024-03-15", "2024-02-01", "2024-03-15")]
    [InlineData("date:..2024-06-30", null, "2024-06-30")]
    [InlineData("date:2025-03-14", "2025-03-14", "2025-03-14")]
    [InlineData("year:2020..2024 date:2023-06..", "2023-06-01", "2024-12-31")]
    public void Parse_DateRanges_GiveInclusiveBounds(string input, string? from, string? to)
    {
        var q = SearchQuery.Parse(input);
        Assert.Equal(from is null ? null : DateOnly.Parse(from), q.From);
        Assert.Equal(to is null ? null : DateOnly.Parse(to), q.To);
        Assert.False(q.HasText);
        Assert.Empty(q.Notes);
    }

    [Theory]
    [InlineData("year:2023..2020")]
    [InlineData("year:24")]
    [InlineData("year:..")]
    [InlineData("year:")]
    [InlineData("year:twenty")]
    [InlineData("date:2025-13-01")]
    [InlineData("date:2025-02-30")]
    [InlineData("date:2025/01/01")]
    [InlineData("date:2025-03-31..2025-01-01")]
    public void Parse_BadRange_IsTextWithANote(string input)
    {
        var q = SearchQuery.Parse(input);
        Assert.Null(q.From);
        Assert.Null(q.To);
        Assert.Contains(q.Words, w => w.Equals(input.Split(':')[0], StringComparison.Ordinal));
        Assert.Single(q.Notes);
    }

    [Fact]
    public void Parse_DisjointRanges_KeepBothAndSayNothingCanMatch()
    {
        var q = SearchQuery.Parse("year:2020 year:2022");
        Assert.True(q.From > q.To);
        Assert.Contains(q.Notes, n => n.Contains("do not overlap", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DisjointRangesAfterManyMistakes_StillSayWhyNothingCanMatch()
    {
        // Found by the fuzz test: eight notes about other mistakes had filled the list, and the one that explains
        // an empty page was dropped.
        var mistakes = string.Join(' ', Enumerable.Range(0, 10).Select(i => $"category:{i}x{i} foo{i}:bar"));
        var q = SearchQuery.Parse($"{mistakes} year:2020 year:2022");
        Assert.True(q.Notes.Count <= 8);
        Assert.Contains(q.Notes, n => n.Contains("do not overlap", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2501.01234", "2501.01234")]
    [InlineData("2501.01234v3", "2501.01234")]
    [InlineData("arXiv:2501.01234", "2501.01234")]
    [InlineData("arxiv:hep-th/9901001", "hep-th/9901001")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("https://arxiv.org/abs/2501.01234v2", "2501.01234")]
    public void Parse_ArxivId_IsAnIdNotText(string input, string id)
    {
        var q = SearchQuery.Parse(input);
        Assert.Equal([id], q.ArxivIds);
        Assert.False(q.HasText);
        Assert.False(q.IsEmpty);
        Assert.Empty(q.Notes);
    }

    [Fact]
    public void Parse_Categories_RepeatableAndDeduplicated()
    {
        var q = SearchQuery.Parse("category:cs.CL cat:cs.CL category:hep-th category:cond-mat.mes-hall category:cs");
        Assert.Equal(["cs.CL", "hep-th", "cond-mat.mes-hall", "cs"], q.Categories);
    }

    [Theory]
    [InlineData("foo:bar", "foo", "bar")]
    [InlineData("category:cs..CL", "category", "cs..CL")]
    [InlineData("has:pdf", "has", "pdf")]
    [InlineData("arxiv:notanid", "arxiv", "notanid")]
    public void Parse_UnknownOrBadFilter_FallsBackToTextWithANote(string input, string first, string second)
    {
        var q = SearchQuery.Parse(input);
        Assert.Equal([first, second], q.Words);
        Assert.False(q.HasFilters);
        Assert.Single(q.Notes);
    }

    [Theory]
    [InlineData("Attention: a survey")]
    [InlineData("https://example.com/paper")]
    public void Parse_ColonThatIsNotAFilter_IsTextWithoutANote(string input)
    {
        var q = SearchQuery.Parse(input);
        Assert.True(q.HasText);
        Assert.Empty(q.Notes);
    }

    [Theory]
    [InlineData("\"graph neural networks", new[] { "graph", "neural", "networks" })]
    [InlineData("\"a b\" \"c", new[] { "c" })]
    [InlineData("author:\"Geoffrey Hinton", new[] { "Hinton" })]
    public void Parse_UnbalancedQuote_IsIgnoredWithANote(string input, string[] words)
    {
        var q = SearchQuery.Parse(input);
        Assert.Equal(words, q.Words);
        Assert.Contains(q.Notes, n => n.Contains("quote", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnbalancedQuoteInAuthor_KeepsTheFirstWordAsAuthor()
    {
        var q = SearchQuery.Parse("author:\"Geoffrey Hinton");
        Assert.Equal(["Geoffrey"], q.Authors);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \t\n ")]
    [InlineData("\"\"")]
    [InlineData("- ... !!")]
    public void Parse_NothingToSearch_IsEmptyWithoutNotes(string? input)
    {
        var q = SearchQuery.Parse(input);
        Assert.True(q.IsEmpty);
        Assert.Equal("", q.Text);
        Assert.Empty(q.Notes);
    }

    [Fact]
    public void Parse_FiltersOnly_HasNoText()
    {
        var q = SearchQuery.Parse("category:cs.CV year:2025");
        Assert.False(q.HasText);
        Assert.True(q.HasFilters);
        Assert.Equal("", q.Text);
    }

    [Fact]
    public void Parse_TenKilobytes_IsCutWithANote()
    {
        var q = SearchQuery.Parse(string.Concat(Enumerable.Repeat("transformer ", 900)));
        Assert.True(q.Input.Length <= SearchQuery.MaxLength);
        Assert.Equal(SearchQuery.MaxTerms, q.Words.Count);
        Assert.Contains(q.Notes, n => n.Contains("cut", StringComparison.Ordinal));
        Assert.Contains(q.Notes, n => n.Contains($"first {SearchQuery.MaxTerms}", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_CutInsideASurrogatePair_DoesNotLeaveHalfACharacter()
    {
        var q = SearchQuery.Parse(new string('a', SearchQuery.MaxLength - 1) + "\U0001F600 tail");
        Assert.False(char.IsHighSurrogate(q.Input[^1]));
    }

    [Fact]
    public void Parse_BinaryJunk_NeverThrowsAndKeepsNoControlCharacters()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 4096)];
            random.NextBytes(bytes);
            var text = new string(bytes.Select(b => (char)(b | (random.Next(4) == 0 ? 0xD800 : 0))).ToArray());
            var q = SearchQuery.Parse(text);
            Assert.DoesNotContain(q.Input, c => char.IsControl(c));
            Assert.False(q.Input.Where((c, k) => char.IsHighSurrogate(c) && (k + 1 >= q.Input.Length || !char.IsLowSurrogate(q.Input[k + 1]))).Any());
        }
    }

    [Fact]
    public void Parse_RandomSyntax_NeverThrowsAndNotesAreSentences()
    {
        // Strings built from the syntax's own characters reach the parser's corners faster than bytes do.
        string[] pieces = ["author:", "category:", "year:", "date:", "has:", "arxiv:", "foo:", "\"", "..", "2024", "2025-01",
            "cs.CL", "code", " ", "  ", "hinton", ":", "-", "2501.01234", "hep-th/9901001", "\u201C", "\0", "\uD800"];
        var random = new Random(11);
        for (var i = 0; i < 3000; i++)
        {
            var input = string.Concat(Enumerable.Range(0, random.Next(1, 12)).Select(_ => pieces[random.Next(pieces.Length)]));
            var q = SearchQuery.Parse(input);
            Assert.All(q.Notes, n => Assert.EndsWith(".", n));
            Assert.True(q.Notes.Count <= 8);
        }
    }
}

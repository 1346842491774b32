using Paperboy.Import;
using Paperboy.Papers;

namespace Paperboy.Tests.Import;

public class PaperMergeTests
{
    [Theory]
    [InlineData("  A  title\n  wrapped\t here ", "A title wrapped here")]
    [InlineData("no\u00A0break\u2003em space\r\nline", "no break em space line")]
    [InlineData(" \n\t ", null)]
    [InlineData("", null)]
    [InlineData("one  two", "one two")]
    public void Clean_CollapsesEveryRunOfWhiteSpaceAndTrims(string input, string? expected) =>
        Assert.Equal(expected, PaperMerge.Clean(input));

    [Fact]
    public void Clean_CleanText_ReturnsTheSameString()
    {
        var s = "Already clean, with one space between words.";
        Assert.Same(s, PaperMerge.Clean(s));
    }

    [Fact]
    public void Merge_NormalisedRecord_GivesTheSamePaperAsTheRecordAsRead()
    {
        var record = new PaperRecord
        {
            ArxivId = "2503.00001", Version = 2, Title = " A\n  title ", Abstract = "Code at:\nhttps://github.com/org/repo.  Done.",
            Authors = [" Ada  Lovelace", "Alan Turing "], Categories = [" cs.LG", "cs.AI", "cs.LG", " "],
            Comment = "Project page: https://org.github.io/site", Doi = " 10.1/x ",
        };
        var normalised = PaperMerge.Normalise(record);

        Assert.Same(normalised, PaperMerge.Normalise(normalised));
        Assert.True(PaperMerge.SameContent(PaperMerge.Merge(null, record), PaperMerge.Merge(null, normalised)));
        var paper = PaperMerge.Merge(null, normalised);
        Assert.Equal(("A title", "10.1/x", "cs.LG"), (paper.Title, paper.Doi, paper.PrimaryCategory));
        Assert.Equal(["Ada Lovelace", "Alan Turing"], paper.Authors);
        Assert.Equal(["cs.LG", "cs.AI"], paper.Categories);
        Assert.Equal(("https://github.com/org/repo", "https://org.github.io/site"), (paper.GithubRepo, paper.ProjectPage));
    }

    [Fact]
    public void Merge_StoredCommentKept_FindsLinksInTheMergedText()
    {
        // The stored paper's comment names a repository; an older record without a comment keeps it, so the
        // links come from the merged text, not from the record's own.
        var stored = new Paper { ArxivId = "2503.00001", Version = 3, Title = "T", Abstract = "Old abstract.", Comment = "Code: https://github.com/org/stored" };
        var record = PaperMerge.Normalise(new PaperRecord { ArxivId = "2503.00001", Version = 1, Title = "T", Abstract = "New abstract without links." });

        var merged = PaperMerge.Merge(stored, record);

        Assert.Equal(("Old abstract.", "https://github.com/org/stored"), (merged.Abstract, merged.GithubRepo));
    }
}

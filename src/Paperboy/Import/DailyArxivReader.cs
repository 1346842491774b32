using System.Text.Json;
using static Paperboy.Import.JsonFields;

namespace Paperboy.Import;

/// <summary>
/// Reads simple arXiv JSON lines, as daily arXiv listing digests keep them: <c>id</c>, <c>title</c>,
/// <c>authors[]</c>, <c>categories[]</c> (primary first), <c>comment</c>, <c>abstract</c> and <c>listed</c>, the
/// first day the paper was listed on arXiv. There is no version and no submission time, so <c>listed</c> (at
/// midnight UTC) is the publication time.
/// </summary>
/// <remarks>
/// These lines are arXiv listings, not daily-feed entries, so they carry no <see cref="DailyRecord"/>, with one
/// exception: the benchmark corpus generator writes this same format with two more optional fields,
/// <c>upvotes</c> (an integer) and <c>submittedBy</c> (a user name). A line with <c>upvotes</c> is put on the feed
/// on its <c>listed</c> day, with those votes and that submitter.
/// </remarks>
public static class DailyArxivReader
{
    public static IEnumerable<ImportItem> Read(InputFile file) => JsonRecords.Map(JsonRecords.Lines(file), Paper);

    private static PaperRecord Paper(JsonElement o)
    {
        var id = ArxivIdField(o, "id", out var version);
        var listed = Day(o, "listed");
        var upvotes = Int(o, "upvotes");
        var submittedBy = String(o, "submittedBy");
        return new PaperRecord
        {
            ArxivId = id,
            Version = version,
            Title = RequiredString(o, "title"),
            Abstract = String(o, "abstract"),
            Authors = Strings(o, "authors"),
            Categories = Strings(o, "categories"),
            Comment = String(o, "comment"),
            PublishedAt = listed is { } day ? AtMidnightUtc(day) : null,
            Daily = upvotes is not { } votes ? null : new DailyRecord
            {
                Day = listed ?? throw new RecordError("'upvotes' without 'listed': no day to put the paper on the feed"),
                Upvotes = votes,
                SubmittedBy = submittedBy,
            },
        };
    }
}

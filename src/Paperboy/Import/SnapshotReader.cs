using System.Globalization;
using System.Text.Json;
using static Paperboy.Import.JsonFields;

namespace Paperboy.Import;

/// <summary>
/// Reads the arXiv metadata snapshot (Kaggle's <c>arxiv-metadata-oai-snapshot.json</c>): JSON lines, 2.7 million
/// of them in the full file, read one at a time. The latest version comes from <c>versions[]</c>, the first
/// publication from the <c>created</c> time of v1, the update from <c>update_date</c> (a day).
/// </summary>
public static class SnapshotReader
{
    public static IEnumerable<ImportItem> Read(InputFile file) => JsonRecords.Map(JsonRecords.Lines(file), Paper);

    private static PaperRecord Paper(JsonElement o)
    {
        var id = ArxivIdField(o, "id", out var idVersion);
        var (version, published) = Versions(o);
        return new PaperRecord
        {
            ArxivId = id,
            Version = Math.Max(version, idVersion),
            Title = RequiredString(o, "title"),
            Abstract = String(o, "abstract"),
            Authors = ParsedAuthors(o) ?? SplitAuthors(String(o, "authors")),
            // Space-separated, primary first: "math.CO cs.CG".
            Categories = String(o, "categories")?.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList(),
            PublishedAt = published,
            UpdatedAt = Day(o, "update_date") is { } updated ? AtMidnightUtc(updated) : null,
            Comment = String(o, "comments"),
            JournalRef = String(o, "journal-ref"),
            Doi = String(o, "doi"),
        };
    }

    /// <summary>The highest version number, and when the lowest (v1) was created.</summary>
    private static (int Latest, DateTime? FirstCreated) Versions(JsonElement o)
    {
        if (Array(o, "versions") is not { } versions) return (0, null);
        var (latest, first, firstCreated, i) = (0, int.MaxValue, (DateTime?)null, -1);
        foreach (var v in versions)
        {
            i++;
            if (v.ValueKind != JsonValueKind.Object) throw new RecordError($"'versions[{i}]' should be an object, found {Kind(v)}");
            var name = String(v, "version", "versions[].version") ?? throw new RecordError($"missing 'versions[{i}].version'");
            if (name.Length < 2 || name[0] != 'v' || !int.TryParse(name.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < 1)
                throw new RecordError($"'versions[{i}].version' is not a version like \"v2\": {RecordError.Quote(name)}");
            latest = Math.Max(latest, n);
            if (n < first) (first, firstCreated) = (n, Created(v));
        }
        return (latest, firstCreated);
    }

    /// <summary>RFC 1123 with a day of one or two digits: "Mon, 2 Apr 2007 19:18:42 GMT".</summary>
    private static DateTime? Created(JsonElement version) =>
        String(version, "created", "versions[].created") is not { } s ? null
        : DateTime.TryParseExact(s, "ddd, d MMM yyyy HH:mm:ss 'GMT'", CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t) ? t
        : throw new RecordError($"'versions[].created' is not a date like \"Mon, 2 Apr 2007 19:18:42 GMT\": {RecordError.Quote(s)}");

    /// <summary>
    /// <c>authors_parsed</c>: [last, first, suffix, affiliation...] per author, with LaTeX accents already decoded
    /// (<c>Bal\'azs</c> is <c>Balázs</c>), so it is preferred to the <c>authors</c> string. The name is
    /// "first last suffix"; affiliations are not part of it.
    /// </summary>
    private static List<string>? ParsedAuthors(JsonElement o)
    {
        if (Array(o, "authors_parsed") is not { } items) return null;
        var authors = new List<string>();
        var i = -1;
        foreach (var item in items)
        {
            i++;
            if (item.ValueKind != JsonValueKind.Array) throw new RecordError($"'authors_parsed[{i}]' should be an array, found {Kind(item)}");
            string last = "", first = "", suffix = "";
            var n = 0;
            foreach (var part in item.EnumerateArray())
            {
                if (part.ValueKind != JsonValueKind.String) throw new RecordError($"'authors_parsed[{i}]' should hold strings, found {Kind(part)}");
                switch (n++)
                {
                    case 0: last = part.GetString()!.Trim(); break;
                    case 1: first = part.GetString()!.Trim(); break;
                    case 2: suffix = part.GetString()!.Trim(); break;
                }
            }
            var name = string.Join(' ', ((string[])[first, last, suffix]).Where(p => p.Length > 0));
            if (name.Length > 0) authors.Add(name);
        }
        return authors.Count > 0 ? authors : null;
    }

    /// <summary>"A. One (Oxford), B. Two and C. Three", as arXiv writes the list; affiliations in parentheses are dropped.</summary>
    private static List<string>? SplitAuthors(string? authors)
    {
        if (authors is null) return null;
        var names = new System.Text.StringBuilder(authors.Length);
        var depth = 0;
        foreach (var c in authors)
        {
            if (c == '(') depth++;
            else if (c == ')') depth = Math.Max(0, depth - 1);
            else if (depth == 0) names.Append(char.IsWhiteSpace(c) ? ' ' : c);
        }
        return names.ToString().Split([",", " and "], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(a => a.Length > 0 && a != "and").ToList();
    }
}

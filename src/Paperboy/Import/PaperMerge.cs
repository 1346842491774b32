using System.Buffers;
using Paperboy.Papers;

namespace Paperboy.Import;

/// <summary>
/// Merges a source's record into the stored paper. The rule is idempotent, so importing the same file twice
/// changes nothing: a field the record leaves out keeps its value; a field the paper lacks is filled; a field
/// both have takes the record's value only when the record is fresher (a higher arXiv version, or the same
/// version updated later). Links to code are found in the abstract or comment when no source gave them.
/// </summary>
public static class PaperMerge
{
    /// <summary>
    /// The record with its text cleaned and the links in its own comment and abstract found: all of a merge's
    /// work that does not need the stored paper. The importer runs it on the reading thread, so the writing
    /// thread, the one that limits an import's speed, only compares and writes. Normalising twice is free.
    /// </summary>
    public static PaperRecord Normalise(PaperRecord r)
    {
        if (r.TextLinks is not null) return r;
        var comment = Clean(r.Comment);
        var abstractText = Clean(r.Abstract);
        return r with
        {
            Title = Clean(r.Title),
            Abstract = abstractText,
            Authors = r.Authors?.Select(a => Clean(a)).OfType<string>().ToList(),
            Categories = r.Categories?.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList(),
            Comment = comment,
            JournalRef = Clean(r.JournalRef),
            Doi = Clean(r.Doi),
            GithubRepo = Clean(r.GithubRepo),
            ProjectPage = Clean(r.ProjectPage),
            TextLinks = CodeLinks.Find(comment, abstractText),
        };
    }

    public static Paper Merge(Paper? existing, PaperRecord record)
    {
        var r = Normalise(record);
        var p = existing is null ? new Paper { ArxivId = r.ArxivId, Title = "" } : Copy(existing);
        var fresher = existing is null || IsFresher(r, existing);

        p.Version = Math.Max(p.Version, r.Version);
        p.Title = Pick(p.Title, r.Title, fresher) ?? "";
        p.Abstract = Pick(p.Abstract, r.Abstract, fresher) ?? "";
        if (r.Authors is { Count: > 0 } authors && (p.Authors.Count == 0 || fresher)) p.Authors = authors;
        if (r.Categories is { Count: > 0 } cats && (p.Categories.Count == 0 || fresher)) p.Categories = cats;
        p.PrimaryCategory = p.Categories.FirstOrDefault();
        p.PublishedAt = PickDate(p.PublishedAt, r.PublishedAt, fresher);
        p.UpdatedAt = PickDate(p.UpdatedAt, r.UpdatedAt, fresher);
        p.Comment = Pick(p.Comment, r.Comment, fresher);
        p.JournalRef = Pick(p.JournalRef, r.JournalRef, fresher);
        p.Doi = Pick(p.Doi, r.Doi, fresher);
        // Links found in the abstract or comment fill in only where no source gave one. The merged text is
        // usually the record's own, whose links the record carries; otherwise they are looked for again.
        var found = p.Comment == r.Comment && p.Abstract == (r.Abstract ?? "")
            ? r.TextLinks! : CodeLinks.Find(p.Comment, p.Abstract);
        p.GithubRepo = Pick(p.GithubRepo, r.GithubRepo, fresher) ?? found.GithubRepo;
        p.ProjectPage = Pick(p.ProjectPage, r.ProjectPage, fresher) ?? found.ProjectPage;
        return p;
    }

    public static bool SameContent(Paper a, Paper b) =>
        a.Version == b.Version && a.Title == b.Title && a.Abstract == b.Abstract &&
        a.Authors.SequenceEqual(b.Authors) && a.Categories.SequenceEqual(b.Categories) &&
        a.PrimaryCategory == b.PrimaryCategory && SameTime(a.PublishedAt, b.PublishedAt) &&
        SameTime(a.UpdatedAt, b.UpdatedAt) && a.Comment == b.Comment && a.JournalRef == b.JournalRef &&
        a.Doi == b.Doi && a.GithubRepo == b.GithubRepo && a.ProjectPage == b.ProjectPage;

    private static bool IsFresher(PaperRecord r, Paper p) =>
        r.Version > p.Version ||
        (r.Version == p.Version && r.UpdatedAt is { } ru && (p.UpdatedAt is null || ru.Ticks > p.UpdatedAt.Value.Ticks));

    private static string? Pick(string? current, string? incoming, bool fresher) =>
        string.IsNullOrEmpty(incoming) ? NullIfEmpty(current)
        : string.IsNullOrEmpty(current) || fresher ? incoming : current;

    private static DateTime? PickDate(DateTime? current, DateTime? incoming, bool fresher) =>
        incoming is null ? current : current is null || fresher ? incoming : current;

    private static bool SameTime(DateTime? a, DateTime? b) => a?.Ticks == b?.Ticks;

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    // Every character char.IsWhiteSpace accepts, and the same less the plain space.
    private static readonly string WhiteSpaceChars =
        string.Concat(Enumerable.Range(0, char.MaxValue + 1).Select(i => (char)i).Where(char.IsWhiteSpace));
    private static readonly SearchValues<char> WhiteSpace = SearchValues.Create(WhiteSpaceChars);
    private static readonly SearchValues<char> WhiteSpaceButSpace = SearchValues.Create(WhiteSpaceChars.Replace(" ", ""));

    /// <summary>
    /// arXiv text is hard-wrapped and indented; collapse every run of white space to one space and trim.
    /// Searches with vectorised spans, since it runs on every field of every imported record; most values are
    /// already clean and come back as the same string without allocating.
    /// </summary>
    public static string? Clean(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        if (IsClean(s)) return s;
        var rest = s.AsSpan().Trim();
        if (rest.IsEmpty) return null;
        var buffer = rest.Length <= 4096 ? stackalloc char[rest.Length] : new char[rest.Length];
        var n = 0;
        while (true)
        {
            var run = rest.IndexOfAny(WhiteSpace);
            if (run < 0) break;
            rest[..run].CopyTo(buffer[n..]);
            n += run;
            buffer[n++] = ' ';
            rest = rest[run..].TrimStart(); // never empty: rest was trimmed at its end
        }
        rest.CopyTo(buffer[n..]);
        return new string(buffer[..(n + rest.Length)]);
    }

    private static bool IsClean(string s) =>
        !char.IsWhiteSpace(s[0]) && !char.IsWhiteSpace(s[^1]) &&
        !s.AsSpan().ContainsAny(WhiteSpaceButSpace) && !s.Contains("  ", StringComparison.Ordinal);

    private static Paper Copy(Paper p) => new()
    {
        Id = p.Id, ArxivId = p.ArxivId, Version = p.Version, Title = p.Title, Abstract = p.Abstract,
        Authors = [.. p.Authors], Categories = [.. p.Categories], PrimaryCategory = p.PrimaryCategory,
        PublishedAt = p.PublishedAt, UpdatedAt = p.UpdatedAt, Comment = p.Comment, JournalRef = p.JournalRef,
        Doi = p.Doi, GithubRepo = p.GithubRepo, ProjectPage = p.ProjectPage, ChangeNumber = p.ChangeNumber,
    };
}

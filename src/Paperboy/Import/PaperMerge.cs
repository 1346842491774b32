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
    public static Paper Merge(Paper? existing, PaperRecord r)
    {
        var p = existing is null ? new Paper { ArxivId = r.ArxivId, Title = "" } : Copy(existing);
        var fresher = existing is null || IsFresher(r, existing);

        p.Version = Math.Max(p.Version, r.Version);
        p.Title = Pick(p.Title, Clean(r.Title), fresher) ?? "";
        p.Abstract = Pick(p.Abstract, Clean(r.Abstract), fresher) ?? "";
        if (r.Authors is { Count: > 0 } authors && (p.Authors.Count == 0 || fresher))
            p.Authors = authors.Select(a => Clean(a)!).Where(a => a.Length > 0).ToList();
        if (r.Categories is { Count: > 0 } cats && (p.Categories.Count == 0 || fresher))
            p.Categories = cats.Select(c => c.Trim()).Where(c => c.Length > 0).Distinct().ToList();
        p.PrimaryCategory = p.Categories.FirstOrDefault();
        p.PublishedAt = PickDate(p.PublishedAt, r.PublishedAt, fresher);
        p.UpdatedAt = PickDate(p.UpdatedAt, r.UpdatedAt, fresher);
        p.Comment = Pick(p.Comment, Clean(r.Comment), fresher);
        p.JournalRef = Pick(p.JournalRef, Clean(r.JournalRef), fresher);
        p.Doi = Pick(p.Doi, Clean(r.Doi), fresher);
        // Links found in the abstract or comment fill in only where no source gave one.
        p.GithubRepo = Pick(p.GithubRepo, Clean(r.GithubRepo), fresher) ?? CodeLinks.FindGitHubRepo(p.Comment, p.Abstract);
        p.ProjectPage = Pick(p.ProjectPage, Clean(r.ProjectPage), fresher) ?? CodeLinks.FindProjectPage(p.Comment, p.Abstract);
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

    /// <summary>
    /// arXiv text is hard-wrapped and indented; collapse every run of white space to one space and trim.
    /// Hand-written because it runs on every field of every imported record: most values are already clean
    /// and come back as the same string without allocating.
    /// </summary>
    public static string? Clean(string? s)
    {
        if (string.IsNullOrEmpty(s)) return null;
        if (IsClean(s)) return s;
        var buffer = s.Length <= 4096 ? stackalloc char[s.Length] : new char[s.Length];
        var n = 0;
        var pendingSpace = false;
        foreach (var c in s)
        {
            if (char.IsWhiteSpace(c)) { pendingSpace = n > 0; continue; }
            if (pendingSpace) { buffer[n++] = ' '; pendingSpace = false; }
            buffer[n++] = c;
        }
        return n == 0 ? null : new string(buffer[..n]);
    }

    private static bool IsClean(string s)
    {
        if (char.IsWhiteSpace(s[0]) || char.IsWhiteSpace(s[^1])) return false;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (c == ' ' ? s[i + 1] == ' ' : char.IsWhiteSpace(c)) return false;
        }
        return true;
    }

    private static Paper Copy(Paper p) => new()
    {
        Id = p.Id, ArxivId = p.ArxivId, Version = p.Version, Title = p.Title, Abstract = p.Abstract,
        Authors = [.. p.Authors], Categories = [.. p.Categories], PrimaryCategory = p.PrimaryCategory,
        PublishedAt = p.PublishedAt, UpdatedAt = p.UpdatedAt, Comment = p.Comment, JournalRef = p.JournalRef,
        Doi = p.Doi, GithubRepo = p.GithubRepo, ProjectPage = p.ProjectPage, ChangeNumber = p.ChangeNumber,
    };
}

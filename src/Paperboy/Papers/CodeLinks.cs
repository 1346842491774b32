using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>
/// Finds a paper's code repository and project page in its abstract or comment, for sources that do not
/// give them ("Code at: https://github.com/org/repo.").
/// </summary>
public static partial class CodeLinks
{
    /// <summary>The links found in one comment and abstract (<see cref="Find"/>).</summary>
    public sealed record Found(string? GithubRepo, string? ProjectPage);

    public static readonly Found None = new(null, null);

    [GeneratedRegex(@"https?://(?:www\.)?github\.com/(?<owner>[A-Za-z0-9](?:[A-Za-z0-9-]{0,38}))/(?<repo>[A-Za-z0-9._-]+)", RegexOptions.IgnoreCase)]
    private static partial Regex GitHub();

    // A project page is a github.io site, or any link introduced as a project page, website or homepage.
    [GeneratedRegex(@"https?://[A-Za-z0-9-]+\.github\.io(?:/[^\s,;)\]}>""']*)?", RegexOptions.IgnoreCase)]
    private static partial Regex GitHubPages();

    [GeneratedRegex(@"(?:project\s+page|project\s+website|website|homepage|project)\s*(?:is\s+)?(?:available\s+)?(?:at|:)?\s*:?\s*(?<url>https?://[^\s,;)\]}>""']+)", RegexOptions.IgnoreCase)]
    private static partial Regex IntroducedPage();

    /// <summary>Both links, the comment searched before the abstract.</summary>
    public static Found Find(string? comment, string? abstractText) =>
        !HasUrl(comment) && !HasUrl(abstractText) ? None
        : new(FindGitHubRepo(comment, abstractText), FindProjectPage(comment, abstractText));

    public static string? FindGitHubRepo(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (!HasUrl(text) || !text!.Contains("github.com", StringComparison.OrdinalIgnoreCase)) continue;
            foreach (Match m in GitHub().Matches(Unwrap(text)))
            {
                var repo = m.Groups["repo"].Value.TrimEnd('.', '-', '_');
                if (repo.EndsWith(".git", StringComparison.OrdinalIgnoreCase)) repo = repo[..^4];
                if (repo.Length == 0) continue;
                return $"https://github.com/{m.Groups["owner"].Value}/{repo}";
            }
        }
        return null;
    }

    public static string? FindProjectPage(params string?[] texts)
    {
        foreach (var text in texts)
        {
            if (!HasUrl(text)) continue;
            var flat = Unwrap(text!);
            if (IntroducedPage().Match(flat) is { Success: true } intro && !GitHub().IsMatch(intro.Groups["url"].Value))
                return TrimUrl(intro.Groups["url"].Value);
            if (GitHubPages().Match(flat) is { Success: true } pages) return TrimUrl(pages.Value);
        }
        return null;
    }

    // Every pattern above needs "://", and most abstracts have no link at all: an ordinal (vectorised) search
    // for it lets them skip the regexes and the case-insensitive searches, which run on every imported paper.
    private static bool HasUrl(string? text) => !string.IsNullOrEmpty(text) && text.Contains("://", StringComparison.Ordinal);

    // arXiv abstracts are hard-wrapped; a URL is never split across lines, but "at:\nhttps://" is common.
    private static string Unwrap(string text) => text.Replace('\n', ' ');

    private static string TrimUrl(string url) => url.TrimEnd('.', ',', ';', ':');
}

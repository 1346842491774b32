using System.Runtime.CompilerServices;

namespace Paperboy.Digests;

/// <summary>
/// Paper lists as each part of a message writes them, kept as long as the list itself. <see cref="DigestContentSource"/>
/// hands every digest of a period the same list instances (the top papers, each alert's), so a list that thousands of
/// subscribers receive is written once rather than once per message.
/// </summary>
internal static class RenderedLists
{
    public const int HtmlRanked = 0, Html = 1, TextRanked = 2, Text = 3;

    private static readonly ConditionalWeakTable<IReadOnlyList<DigestPaper>, string?[]> Cache = new();

    /// <summary>The list written by <paramref name="render"/> in the given form; two threads may both write it the first time, alike.</summary>
    public static string Get(IReadOnlyList<DigestPaper> papers, int form, Func<IReadOnlyList<DigestPaper>, string> render)
    {
        var forms = Cache.GetValue(papers, _ => new string?[4]);
        if (Volatile.Read(ref forms[form]) is { } written) return written;
        var text = render(papers);
        Volatile.Write(ref forms[form], text);
        return text;
    }
}

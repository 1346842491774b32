using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Paperboy.Papers;

namespace Paperboy.Community.Submissions;

/// <summary>
/// What people paste into the submit form: an arXiv id in any spelling <see cref="ArxivId"/> knows, or a link
/// to the paper on arXiv (any host under arxiv.org, the abs, pdf, html or format pages, with or without a
/// version, ".pdf", a query or a fragment), on Hugging Face (<c>huggingface.co/papers/ID</c>) or on alphaXiv.
/// </summary>
public static partial class PaperInput
{
    public const int MaxLength = 500;

    [GeneratedRegex(@"^(?:https?://)?(?:[a-z0-9-]+\.)*(?:arxiv\.org/(?:abs|pdf|html|format)|huggingface\.co/papers|alphaxiv\.org/(?:abs|overview))/(?<rest>[^?#]+?)(?:\.pdf)?/?(?:[?#].*)?$",
        RegexOptions.IgnoreCase)]
    private static partial Regex Link();

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? arxivId)
    {
        arxivId = null;
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxLength) return false;
        // Links are often pasted inside angle brackets or with a trailing full stop.
        var s = text.Trim().Trim('<', '>', '"', '\'').TrimEnd('.', ',', ';');
        if (Link().Match(s) is { Success: true } link) s = Uri.UnescapeDataString(link.Groups["rest"].Value);
        return ArxivId.TryParse(s, out arxivId);
    }
}

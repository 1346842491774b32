using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>
/// Parses arXiv identifiers in every form people paste: <c>2103.14749</c>, <c>2103.14749v2</c>,
/// <c>arXiv:2103.14749</c>, <c>hep-th/9901001</c>, <c>math.GT/0309136</c>, <c>oai:arXiv.org:...</c> and
/// abs/pdf URLs. The canonical form has no version, and old-style ids drop the subject class
/// (<c>math.GT/0309136</c> is <c>math/0309136</c>), as arXiv's OAI interface names them.
/// </summary>
public static partial class ArxivId
{
    // New style since April 2007: YYMM.NNNN (to 2014) or YYMM.NNNNN (from 2015).
    [GeneratedRegex(@"^(?<id>(?<yy>\d{2})(?<mm>\d{2})\.(?<num>\d{4,5}))(?:v(?<v>\d+))?$")]
    private static partial Regex NewStyle();

    // Old style before April 2007: archive(.SUBJ)?/YYMMNNN.
    [GeneratedRegex(@"^(?<archive>[a-z]+(?:-[a-z]+)?)(?:\.[A-Za-z]{2})?/(?<num>(?<yy>\d{2})(?<mm>\d{2})\d{3})(?:v(?<v>\d+))?$")]
    private static partial Regex OldStyle();

    [GeneratedRegex(@"^(?:https?://)?(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?<rest>.+?)(?:\.pdf)?/?(?:[?#].*)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Url();

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id, out int version)
    {
        id = null;
        version = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        if (Url().Match(s) is { Success: true } url) s = url.Groups["rest"].Value;
        if (s.StartsWith("oai:arXiv.org:", StringComparison.OrdinalIgnoreCase)) s = s["oai:arXiv.org:".Length..];
        if (s.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase)) s = s["arxiv:".Length..];

        if (NewStyle().Match(s) is { Success: true } n)
        {
            var mm = int.Parse(n.Groups["mm"].Value);
            // The five-digit form exists only from 1501 on; the four-digit form only before.
            var fiveDigits = n.Groups["num"].Value.Length == 5;
            var yymm = int.Parse(n.Groups["yy"].Value) * 100 + mm;
            if (mm is < 1 or > 12 || yymm < 704 || fiveDigits != (yymm >= 1501)) return false;
            id = n.Groups["id"].Value;
            version = ParseVersion(n.Groups["v"]);
            return version >= 0;
        }
        if (OldStyle().Match(s) is { Success: true } o)
        {
            var mm = int.Parse(o.Groups["mm"].Value);
            if (mm is < 1 or > 12) return false;
            id = $"{o.Groups["archive"].Value}/{o.Groups["num"].Value}";
            version = ParseVersion(o.Groups["v"]);
            return version >= 0;
        }
        return false;
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out string? id) => TryParse(text, out id, out _);

    private static int ParseVersion(Group g) =>
        !g.Success ? 0 : int.TryParse(g.Value, out var v) && v > 0 ? v : -1;
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Paperboy.Papers;

/// <summary>The orders a feed list can be shown in.</summary>
public enum FeedSort
{
    /// <summary>Most total upvotes first; ties to the more recently published paper, then the higher arXiv id.</summary>
    Upvotes,

    /// <summary>By the stored trending score, highest first.</summary>
    Trending,

    /// <summary>Most recently published first.</summary>
    Newest,
}

/// <summary>
/// What a visitor asked of a feed list beyond its period: <c>?sort=trending|upvotes|newest</c>, <c>?category=cs.LG</c>
/// (any of the paper's arXiv categories), <c>?code=1</c> (has a GitHub repository) and <c>?p=</c> (the page, from 0).
/// A null <see cref="Sort"/> means the view's own default. Every key is one the output cache varies by
/// (<see cref="QueryKeys"/>).
/// </summary>
public sealed partial record FeedRequest(FeedSort? Sort, string? Category, bool CodeOnly, int Page)
{
    public static readonly FeedRequest Default = new(null, null, false, 0);

    /// <summary>The query keys a feed page reads; the output cache keeps one copy per combination.</summary>
    public static readonly string[] QueryKeys = ["p", "sort", "category", "code"];

    public const int MaxPage = 10_000;

    /// <summary>Only entries put on the feed by this submitter (a Hugging Face or local user name); the API's <c>submitter</c>.</summary>
    public string? Submitter { get; init; }

    public bool Filtered => Category is not null || CodeOnly || Submitter is not null;

    /// <summary>Parses the query; on bad input, <paramref name="error"/> says what was wrong in a sentence.</summary>
    public static bool TryParse(string? sort, string? category, string? code, string? p, out FeedRequest request, out string error)
    {
        request = Default;
        error = "";
        FeedSort? order = null;
        if (!string.IsNullOrEmpty(sort))
        {
            order = sort.ToLowerInvariant() switch
            {
                "upvotes" => FeedSort.Upvotes,
                "trending" => FeedSort.Trending,
                "newest" => FeedSort.Newest,
                _ => null,
            };
            if (order is null)
            {
                error = $"“{sort}” is not a way to sort papers. Sort by trending, upvotes or newest.";
                return false;
            }
        }
        string? cat = null;
        if (!string.IsNullOrWhiteSpace(category))
        {
            cat = category.Trim();
            if (cat.Length > 40 || !CategoryPattern().IsMatch(cat))
            {
                error = $"“{category}” is not an arXiv category. Categories are written like cs.LG, stat.ML or hep-th.";
                return false;
            }
        }
        var codeOnly = false;
        if (!string.IsNullOrEmpty(code))
        {
            switch (code.ToLowerInvariant())
            {
                case "1" or "true" or "on" or "yes": codeOnly = true; break;
                case "0" or "false" or "off" or "no": break;
                default:
                    error = $"code is 1 (only papers with code) or 0, not “{code}”.";
                    return false;
            }
        }
        var page = 0;
        if (!string.IsNullOrEmpty(p) && (!int.TryParse(p, NumberStyles.None, CultureInfo.InvariantCulture, out page) || page > MaxPage))
        {
            error = $"p is the page number, counted from 0 (at most {MaxPage}), not “{p}”.";
            return false;
        }
        request = new FeedRequest(order, cat, codeOnly, page);
        return true;
    }

    /// <summary>
    /// The query string for a link that keeps this request's sort and filters, with the page (0 is left out) and
    /// optionally another sort; "" when nothing is left.
    /// </summary>
    public string Query(int page = 0, FeedSort? sort = null, bool keepSort = true)
    {
        var s = sort ?? (keepSort ? Sort : null);
        var b = new StringBuilder();
        void Add(string key, string value) => b.Append(b.Length == 0 ? '?' : '&').Append(key).Append('=').Append(Uri.EscapeDataString(value));
        if (s is { } order) Add("sort", Name(order));
        if (Category is { } c) Add("category", c);
        if (CodeOnly) Add("code", "1");
        if (page > 0) Add("p", page.ToString(CultureInfo.InvariantCulture));
        return b.ToString();
    }

    public static string Name(FeedSort sort) => sort switch
    {
        FeedSort.Trending => "trending",
        FeedSort.Newest => "newest",
        _ => "upvotes",
    };

    /// <summary>
    /// arXiv categories: an archive (<c>cs</c>, <c>hep-th</c>, <c>q-bio</c>) and an optional subject class
    /// (<c>LG</c>, <c>mes-hall</c>). Nothing else gets near the SQL LIKE pattern, so no character in it is special.
    /// </summary>
    [GeneratedRegex(@"^[A-Za-z][A-Za-z-]*(\.[A-Za-z][A-Za-z-]*)?$")]
    private static partial Regex CategoryPattern();
}

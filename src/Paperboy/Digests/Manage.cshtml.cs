using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Digests;

/// <summary>
/// A subscription's preferences, reached from the link in every digest without signing in: the link's secret is
/// the permission. What to get (trending, categories, saved searches, authors, "for you"), how often, when, or stop.
/// </summary>
[EnableRateLimiting(RateLimits.Other)]
public sealed partial class ManageModel(AppDbContext db, DigestSubscriptions subscriptions) : PageModel
{
    [FromQuery(Name = "id")] public long Id { get; set; }
    [FromQuery(Name = "token")] public string? Token { get; set; }

    [BindProperty] public DigestFrequency Frequency { get; set; }
    [BindProperty] public bool SkipWeekends { get; set; }
    [BindProperty] public int Hour { get; set; }
    [BindProperty] public string TimeZone { get; set; } = "UTC";
    [BindProperty] public bool Trending { get; set; }
    [BindProperty] public bool ForYou { get; set; }
    [BindProperty] public string? Categories { get; set; }
    [BindProperty] public string? Searches { get; set; }
    [BindProperty] public string? Authors { get; set; }

    public Subscription? Subscription { get; private set; }
    public List<string> Errors { get; } = [];
    public string? Saved { get; private set; }
    public string? Refusal { get; private set; }

    public static IReadOnlyList<string> TimeZones { get; } =
        TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Append("UTC").Distinct().Order(StringComparer.Ordinal).ToList();

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await subscriptions.FindAsync(Id, Token, ct) is not { } s) return Refuse();
        Show(s);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (await subscriptions.FindAsync(Id, Token, ct) is not { } s) return Refuse();
        Subscription = s;
        if (Hour is < 0 or > 23) Errors.Add("The hour must be from 0 to 23.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(TimeZone ?? "", out _)) Errors.Add($"“{TimeZone}” is not a time zone.");
        if (!Enum.IsDefined(Frequency)) Errors.Add("Choose daily or weekly.");
        List<string> Parse(string? text, string what)
        {
            if (DigestRules.TryParseList(text, what, out var items, out var error)) return items;
            Errors.Add(error);
            return [];
        }
        var categories = Parse(Categories, "categories");
        foreach (var c in categories.Where(c => !CategoryPattern().IsMatch(c)))
            Errors.Add($"“{c}” is not an arXiv category (like cs.CL, or cs for all of computer science).");
        var searches = Parse(Searches, "searches");
        var authors = Parse(Authors, "authors");
        if (Errors.Count > 0)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }
        s.Frequency = Frequency;
        s.SkipWeekends = SkipWeekends;
        s.Hour = Hour;
        s.TimeZone = TimeZone!;
        s.Trending = Trending;
        s.ForYou = ForYou;
        s.Categories = categories;
        s.Searches = searches;
        s.Authors = authors;
        if (s.Status == SubscriptionStatus.Paused)
        {
            // Saving the preferences of a paused subscription is the owner saying the address works again.
            s.Status = SubscriptionStatus.Active;
            s.Bounces = 0;
        }
        await db.SaveChangesAsync(ct);
        Show(s);
        Saved = "Saved.";
        return Page();
    }

    public async Task<IActionResult> OnPostUnsubscribeAsync(CancellationToken ct)
    {
        if (await subscriptions.FindAsync(Id, Token, ct) is not { } s) return Refuse();
        await subscriptions.UnsubscribeAsync(s, ct);
        return RedirectToPage("/Digests/Unsubscribe", new { id = Id, token = Token, done = true });
    }

    private void Show(Subscription s)
    {
        Subscription = s;
        Frequency = s.Frequency;
        SkipWeekends = s.SkipWeekends;
        Hour = s.Hour;
        TimeZone = s.TimeZone;
        Trending = s.Trending;
        ForYou = s.ForYou;
        Categories = string.Join('\n', s.Categories);
        Searches = string.Join('\n', s.Searches);
        Authors = string.Join('\n', s.Authors);
    }

    private PageResult Refuse()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        Refusal = DigestRules.BadLink;
        return Page();
    }

    [GeneratedRegex(@"^[a-z][a-z\-]*(\.[A-Za-z][A-Za-z\-]*)?$")]
    private static partial Regex CategoryPattern();
}

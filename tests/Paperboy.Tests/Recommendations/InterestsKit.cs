using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Recommendations;
using Paperboy.Tests.Support;
using Paperboy.Tests.Web;

namespace Paperboy.Tests.Recommendations;

/// <summary>What the interests tests do as a browser does: find a form on a page and post its own fields and token.</summary>
public static partial class InterestsKit
{
    public const string DayUrl = "/papers/date/2025-06-02";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The forms on a page posting to <paramref name="action"/>, as field dictionaries (token included).</summary>
    public static List<Dictionary<string, string>> Forms(string html, string action) =>
        FormPattern().Matches(html).Select(m => m.Value)
            .Where(f => f.Contains($"action=\"{action}\"", StringComparison.Ordinal))
            .Select(f => InputPattern().Matches(f).ToDictionary(i => i.Groups[1].Value, i => WebUtility.HtmlDecode(i.Groups[2].Value)))
            .ToList();

    /// <summary>The one form on <paramref name="html"/> posting to <paramref name="action"/> with <paramref name="field"/> = <paramref name="value"/>.</summary>
    public static Dictionary<string, string> Form(string html, string action, string field, string value) =>
        Forms(html, action).Single(f => f.TryGetValue(field, out var v) && v == value);

    /// <summary>Clicks a form: posts exactly its fields (and what the test adds, such as a picked option).</summary>
    public static Task<HttpResponseMessage> SubmitAsync(WebSession session, string action, Dictionary<string, string> form,
        params (string Key, string Value)[] extra)
    {
        var fields = form.ToList();
        fields.AddRange(extra.Select(e => new KeyValuePair<string, string>(e.Key, e.Value)));
        return session.Client.PostAsync(action, new FormUrlEncodedContent(fields), Ct);
    }

    public static async Task<List<(FollowKind Kind, string Value, string Key)>> FollowsAsync(TestSite site, string user)
    {
        await using var db = site.Database.CreateContext();
        var id = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct);
        return (await db.Follows.Where(f => f.UserId == id).OrderBy(f => f.Kind).ThenBy(f => f.Key).ToListAsync(Ct))
            .Select(f => (f.Kind, f.Value, f.Key)).ToList();
    }

    public static async Task<List<(string ArxivId, PaperMarkKind Kind)>> MarksAsync(TestSite site, string user)
    {
        await using var db = site.Database.CreateContext();
        var id = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct);
        return (await (from m in db.PaperMarks
                       join p in db.Papers on m.PaperId equals p.Id
                       where m.UserId == id
                       orderby p.ArxivId
                       select new { p.ArxivId, m.Kind }).ToListAsync(Ct))
            .Select(m => (m.ArxivId, m.Kind)).ToList();
    }

    public static async Task<UserSignals> SignalsAsync(TestSite site, string user)
    {
        await using var db = site.Database.CreateContext();
        var id = await db.Users.Where(u => u.UserName == user).Select(u => u.Id).SingleAsync(Ct);
        return await SignalReader.ReadAsync(db, id, Ct);
    }

    [GeneratedRegex("<form [^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("<input (?:type=\"hidden\" )?name=\"([^\"]+)\"(?: type=\"hidden\")? value=\"([^\"]*)\"")]
    private static partial Regex InputPattern();
}

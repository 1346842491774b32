using System.Net;
using System.Text.RegularExpressions;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Community.Votes;

/// <summary>What a browser does with the upvote boxes of a page: find a paper's form, read its fields, post it.</summary>
public static partial class VotePages
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task SignUpAsync(WebSession session, string name)
    {
        using var response = await session.SignUpAsync(name);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string TokenOf(string html) =>
        TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException("The page has no antiforgery token.");

    /// <summary>Posts a form with <paramref name="token"/> (null: none, as a forged request), as a page or as site.js does (JSON).</summary>
    public static Task<HttpResponseMessage> PostAsync(WebSession session, string action, IEnumerable<KeyValuePair<string, string>> fields,
        string? token, bool json = false)
    {
        var all = fields.ToList();
        if (token is not null) all.Add(new("__RequestVerificationToken", token));
        var request = new HttpRequestMessage(HttpMethod.Post, action) { Content = new FormUrlEncodedContent(all) };
        if (json) request.Headers.Accept.ParseAdd("application/json");
        return session.Client.SendAsync(request, Ct);
    }

    /// <summary>Clicks the upvote box of <paramref name="arxivId"/> on <paramref name="pageUrl"/>: the form's own fields and token.</summary>
    public static async Task<HttpResponseMessage> ClickVoteAsync(WebSession session, string pageUrl, string arxivId, bool json = false)
    {
        var html = await session.GetStringAsync(pageUrl);
        var form = VoteForm(html, arxivId) ?? throw new InvalidOperationException($"No vote form for {arxivId} on {pageUrl}.");
        var fields = InputPattern().Matches(form).ToDictionary(m => m.Groups[1].Value, m => WebUtility.HtmlDecode(m.Groups[2].Value));
        Assert.Equal("/vote", ActionPattern().Match(form).Groups[1].Value);
        var token = fields["__RequestVerificationToken"];
        fields.Remove("__RequestVerificationToken");
        return await PostAsync(session, "/vote", fields, token, json);
    }

    /// <summary>The HTML of the vote form of one paper on a page, or null.</summary>
    public static string? VoteForm(string html, string arxivId)
    {
        foreach (Match m in FormPattern().Matches(html))
            if (m.Value.Contains($"name=\"paper\" value=\"{arxivId}\"", StringComparison.Ordinal)) return m.Value;
        return null;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("<form class=\"vote-form\"[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex FormPattern();

    [GeneratedRegex("action=\"([^\"]*)\"")]
    private static partial Regex ActionPattern();

    [GeneratedRegex("<input (?:type=\"hidden\" )?name=\"([^\"]+)\"(?: type=\"hidden\")? value=\"([^\"]*)\"")]
    private static partial Regex InputPattern();
}

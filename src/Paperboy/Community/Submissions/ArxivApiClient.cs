using System.Net;
using Paperboy.Import;

namespace Paperboy.Community.Submissions;

/// <summary>What arXiv said about one id: the paper, "no such paper", or nothing usable (down, slow, unreachable).</summary>
public sealed record ArxivLookup(PaperRecord? Paper, bool Unknown, string? Failure)
{
    public static ArxivLookup Found(PaperRecord paper) => new(paper, false, null);
    public static readonly ArxivLookup NotFound = new(null, true, null);
    public static ArxivLookup Unreachable(string why) => new(null, false, why);
}

/// <summary>
/// Asks the arXiv API (<c>{ApiUrl}?id_list=ID</c>, Atom) for one paper. Every way the call can fail — DNS, a
/// refused connection, a timeout, a 5xx, a body that is not Atom — is an answer (<see cref="ArxivLookup.Unreachable"/>),
/// never an exception, because a submitter must get a sentence on the form rather than an error page.
/// One attempt only: the submitter is waiting and can press the button again.
/// </summary>
public sealed class ArxivApiClient(HttpClient http, ArxivApiOptions options, ILogger<ArxivApiClient> log)
{
    public string RequestUrl(string arxivId) =>
        options.ApiUrl + (options.ApiUrl.Contains('?') ? "&" : "?") + "id_list=" + Uri.EscapeDataString(arxivId);

    public async Task<ArxivLookup> LookUpAsync(string arxivId, CancellationToken ct)
    {
        var url = RequestUrl(arxivId);
        try
        {
            using var response = await http.GetAsync(url, ct);
            // arXiv answers an id it does not know with an empty feed; a 404 means the same from a proxy or a mirror.
            if (response.StatusCode == HttpStatusCode.NotFound) return ArxivLookup.NotFound;
            if (!response.IsSuccessStatusCode)
                return Unreachable(url, $"HTTP {(int)response.StatusCode}");
            var body = await response.Content.ReadAsByteArrayAsync(ct);
            return Find(arxivId, AtomReader.Read(new MemoryStream(body), "arXiv API answer"), url);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return Unreachable(url, $"no answer within {options.TimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return Unreachable(url, e.Message);
        }
    }

    /// <summary>
    /// The entry for the id asked for. arXiv reports a malformed id as an error entry; ids reaching here are
    /// well-formed, so such an entry (or an empty feed) means arXiv has no paper by that id.
    /// </summary>
    private ArxivLookup Find(string arxivId, IEnumerable<ImportItem> items, string url)
    {
        var errors = 0;
        foreach (var item in items)
        {
            if (item.Record?.ArxivId == arxivId) return ArxivLookup.Found(item.Record);
            if (item.Error is { } error && error.StartsWith("malformed XML", StringComparison.Ordinal))
                return Unreachable(url, error);
            if (item.Error is not null) errors++;
        }
        if (errors > 0) log.LogInformation("arXiv answered {Url} with an error entry", url);
        return ArxivLookup.NotFound;
    }

    private ArxivLookup Unreachable(string url, string why)
    {
        log.LogWarning("arXiv API {Url} failed: {Why}", url, why);
        return ArxivLookup.Unreachable(why);
    }
}

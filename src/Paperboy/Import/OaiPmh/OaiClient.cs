using System.Net;
using System.Net.Http.Headers;

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// Fetches ListRecords pages, retrying what a busy or flaky server does: 503 with Retry-After (arXiv's flow
/// control), other 5xx, 408/429, timeouts and refused connections, each a bounded number of times.
/// </summary>
public sealed class OaiClient(HttpClient http, HarvestOptions options, TimeProvider time)
{
    /// <summary>Told about every retry before its wait, so a user sees why the harvest pauses.</summary>
    public Action<string>? OnRetry { get; init; }

    public static HttpClient CreateHttpClient()
    {
        var handler = new SocketsHttpHandler
        {
            AutomaticDecompression = DecompressionMethods.All,
            ConnectTimeout = TimeSpan.FromSeconds(30),
        };
        // Each request has its own timeout (HarvestOptions.RequestTimeout) so a timeout can be told from Ctrl+C.
        var client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        var version = typeof(OaiClient).Assembly.GetName().Version?.ToString(3) ?? "1.0.0";
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("paperboy", version));
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("(OAI-PMH harvester)"));
        return client;
    }

    public string RequestUrl(string? resumptionToken)
    {
        // A resumption token is an exclusive argument: the server remembers the rest.
        var query = resumptionToken is not null
            ? $"verb=ListRecords&resumptionToken={Uri.EscapeDataString(resumptionToken)}"
            : "verb=ListRecords&metadataPrefix=" + Uri.EscapeDataString(options.Prefix) +
              Arg("from", options.From) + Arg("until", options.Until) + Arg("set", options.Set);
        return options.BaseUrl + (options.BaseUrl.Contains('?') ? "&" : "?") + query;
    }

    private static string Arg(string name, string? value) => value is null ? "" : $"&{name}={Uri.EscapeDataString(value)}";

    /// <summary>
    /// The whole body of one page. It is read into memory (a page is a few MB) so that a body cut off half way is
    /// retried like any other transient failure instead of failing the parse.
    /// </summary>
    public async Task<byte[]> ListRecordsAsync(string? resumptionToken, int page, CancellationToken ct)
    {
        var url = RequestUrl(resumptionToken);
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan wait;
            using var timeout = new CancellationTokenSource(options.RequestTimeout, time);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
            try
            {
                using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, linked.Token);
                if (response.IsSuccessStatusCode) return await response.Content.ReadAsByteArrayAsync(linked.Token);
                var status = $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}".TrimEnd();
                if (!IsTransient(response.StatusCode)) throw new HarvestException($"page {page}: {status} from {url}");
                failure = status;
                wait = Backoff(attempt);
                if (RetryAfter(response.Headers.RetryAfter, time.GetUtcNow()) is { } asked)
                {
                    failure += $", server asked to wait {Seconds(asked)}";
                    wait = asked < options.MaxWait ? asked : options.MaxWait;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                failure = $"no complete answer within {Seconds(options.RequestTimeout)}";
                wait = Backoff(attempt);
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                failure = e.InnerException is { } inner && !e.Message.Contains(inner.Message) ? $"{e.Message} ({inner.Message})" : e.Message;
                wait = Backoff(attempt);
            }
            if (attempt > options.Retries)
                throw new HarvestException($"page {page}: {failure}; gave up after {attempt} attempts at {url}");
            OnRetry?.Invoke($"page {page}: {failure}; retrying in {Seconds(wait)} (attempt {attempt + 1} of {options.Retries + 1})");
            await Task.Delay(wait, time, ct);
        }
    }

    private static bool IsTransient(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;

    private TimeSpan Backoff(int attempt)
    {
        var ticks = options.Backoff.Ticks * Math.Pow(2, Math.Min(attempt - 1, 20));
        return ticks >= options.MaxWait.Ticks ? options.MaxWait : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait a Retry-After header asks for: seconds, or an HTTP date (never negative); null without one.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta < TimeSpan.Zero ? TimeSpan.Zero : delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static string Seconds(TimeSpan t) => t.TotalSeconds >= 1 ? $"{t.TotalSeconds:0.#} s" : $"{t.TotalMilliseconds:0} ms";
}

using System.Globalization;

namespace Paperboy.Import.OaiPmh;

/// <summary>What to harvest over OAI-PMH, and how politely (<c>paperboy harvest</c>).</summary>
public sealed class HarvestOptions
{
    public const string ArxivEndpoint = "https://oaipmh.arxiv.org/oai";
    public static readonly string[] Prefixes = ["arXiv", "arXivRaw", "oai_dc"];

    public string BaseUrl { get; set; } = ArxivEndpoint;
    public string Prefix { get; set; } = "arXiv";
    /// <summary>OAI-PMH datestamps: <c>YYYY-MM-DD</c>, or <c>YYYY-MM-DDThh:mm:ssZ</c> where a server offers seconds.</summary>
    public string? From { get; set; }
    public string? Until { get; set; }
    public string? Set { get; set; }

    /// <summary>Pause between pages; arXiv asks harvesters to leave a few seconds between requests.</summary>
    public TimeSpan PageDelay { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Retries of one page after a transient failure (5xx, 503 Retry-After, timeout, refused connection).</summary>
    public int Retries { get; set; } = 6;

    /// <summary>The longest wait before a retry, whatever Retry-After asks; also caps the exponential backoff.</summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>First backoff after a failure without Retry-After; doubles on each further failure.</summary>
    public TimeSpan Backoff { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Time allowed for one request, answer and body included.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Names one harvest: a checkpoint is resumed only by the same URL, prefix, set and date range.</summary>
    public string CheckpointKey => $"{BaseUrl} prefix={Prefix} set={Set} from={From} until={Until}";

    /// <summary>Returns what is wrong with the options, or null when they can be used.</summary>
    public string? Validate()
    {
        if (!Uri.TryCreate(BaseUrl, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            return $"--url '{BaseUrl}' is not an http(s) URL";
        // The checkpoint key column holds 500 characters.
        if (CheckpointKey.Length > 500) return "--url, --set, --from and --until are too long together (500 characters at most)";
        if (!Prefixes.Contains(Prefix)) return $"--prefix '{Prefix}' is not one of {string.Join(", ", Prefixes)}";
        if (From is not null && !IsDatestamp(From)) return $"--from '{From}' is not a date (YYYY-MM-DD)";
        if (Until is not null && !IsDatestamp(Until)) return $"--until '{Until}' is not a date (YYYY-MM-DD)";
        if (From is not null && Until is not null && From.Length == Until.Length && string.CompareOrdinal(From, Until) > 0)
            return $"--from {From} is after --until {Until}";
        if (Set is { Length: 0 }) return "--set is empty";
        if (PageDelay < TimeSpan.Zero || MaxWait < TimeSpan.Zero || Backoff < TimeSpan.Zero || RequestTimeout <= TimeSpan.Zero)
            return "--delay, --max-wait and --timeout take a number of seconds (0 or more; --timeout more than 0)";
        if (Retries < 0) return "--retries cannot be negative";
        return null;
    }

    private static bool IsDatestamp(string s) =>
        DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ||
        DateTime.TryParseExact(s, "yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}

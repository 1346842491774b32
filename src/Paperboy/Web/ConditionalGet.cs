using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;

namespace Paperboy.Web;

/// <summary>
/// ETag and Last-Modified on every successful GET of the API, the feeds and the exports, with 304 Not Modified for
/// a client that already has the answer. The ETag is a digest of the body, so it changes exactly when the answer
/// does, whatever changed it (a vote, a hidden paper, a new day). Last-Modified is when this node first served the
/// body it now serves at that address: never earlier than the last change, so If-Modified-Since never hides one.
/// A 304 still builds the answer (most are cached bytes, see <see cref="Papers.FeedResponseCache"/>) but sends
/// nothing, which is what a feed reader polling every few minutes costs.
/// </summary>
public sealed class ConditionalGet(RequestDelegate next, TimeProvider clock)
{
    /// <summary>Addresses whose first-seen time is remembered; past this the memory starts again (every time moves to now).</summary>
    private const int MaxAddresses = 20_000;

    private readonly ConcurrentDictionary<string, (string ETag, DateTimeOffset Since)> _seen = new();

    public static bool Applies(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) &&
        (request.Path.StartsWithSegments("/api") || request.Path.StartsWithSegments("/feeds") ||
         request.Path.StartsWithSegments("/openapi") || IsExport(request.Path.Value));

    private static bool IsExport(string? path) =>
        path is not null && (path.EndsWith(".bib", StringComparison.Ordinal) || path.EndsWith(".ris", StringComparison.Ordinal) ||
                             path.EndsWith(".md", StringComparison.Ordinal));

    public async Task InvokeAsync(HttpContext context)
    {
        if (!Applies(context.Request))
        {
            await next(context);
            return;
        }
        var response = context.Response;
        var body = response.Body;
        using var buffer = new MemoryStream();
        response.Body = buffer;
        try
        {
            await next(context);
        }
        finally
        {
            response.Body = body;
        }
        if (response.StatusCode != StatusCodes.Status200OK || buffer.Length == 0)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(body, context.RequestAborted);
            return;
        }

        var etag = "\"" + Convert.ToBase64String(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), 0, 18)
            .Replace('+', '-').Replace('/', '_') + "\"";
        var since = FirstServed(context.Request.Path + context.Request.QueryString, etag);
        response.Headers.ETag = etag;
        response.Headers.LastModified = since.ToString("R", CultureInfo.InvariantCulture);
        // Stored copies must ask again before each use; the ETag makes asking cheap.
        if (!response.Headers.ContainsKey(HeaderNames.CacheControl))
            response.Headers.CacheControl = context.Request.Headers.ContainsKey(HeaderNames.Authorization) ? "private, no-cache" : "no-cache";

        if (NotModified(context.Request, etag, since))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            response.ContentLength = null;
            response.Headers.Remove(HeaderNames.ContentType);
            return;
        }
        response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(body, context.RequestAborted);
    }

    /// <summary>RFC 9110 §13.2.2: If-None-Match decides when present (weak comparison); If-Modified-Since only without it.</summary>
    private static bool NotModified(HttpRequest request, string etag, DateTimeOffset since)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count > 0)
        {
            return EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags) &&
                   tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));
        }
        return HeaderUtilities.TryParseDate(request.Headers.IfModifiedSince.ToString(), out var ims) && since <= ims;
    }

    private DateTimeOffset FirstServed(string address, string etag)
    {
        var now = clock.GetUtcNow();
        now = new DateTimeOffset(now.Ticks - now.Ticks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (_seen.TryGetValue(address, out var seen))
        {
            if (seen.ETag == etag) return seen.Since;
            // HTTP dates have whole seconds: a new body in the same second as the old one must still be later.
            if (now <= seen.Since) now = seen.Since.AddSeconds(1);
        }
        if (_seen.Count >= MaxAddresses) _seen.Clear();
        _seen[address] = (etag, now);
        return now;
    }
}

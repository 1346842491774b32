using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.HttpResults;
using Paperboy.Community.Accounts;
using Paperboy.Papers;

namespace Paperboy.Community.Tokens;

/// <summary>
/// What the API's write endpoints share: who is writing (a ban refuses with its reason), the paper named in the
/// route, the JSON body read with a sentence for every way it can be wrong, and ProblemDetails answers.
/// </summary>
public static class ApiWrites
{
    /// <summary>
    /// A request body larger than this is refused before it is parsed. A comment of
    /// <see cref="Comments.CommentRules.MaxLength"/> characters, each escaped as \uXXXX, still fits.
    /// </summary>
    public const int MaxBodyBytes = 128 * 1024;

    /// <summary>The member behind the request's token, or the 403 that says they are banned.</summary>
    public static async Task<(User? Writer, ProblemHttpResult? Refusal)> WriterAsync(Members members, ClaimsPrincipal principal)
    {
        var (writer, refusal) = await members.WriterAsync(principal);
        // The scope filter has let only token requests through, so no writer means a ban (or an account gone since).
        return writer is not null ? (writer, null) : (null, Forbidden(refusal!));
    }

    /// <summary>
    /// The canonical arXiv id in a route. An old-style id's slash is sent encoded (<c>hep-th%2F9901001</c>), as the
    /// server leaves %2F alone so that it cannot split a path segment.
    /// </summary>
    public static bool TryPaperId(string routeId, out string arxivId)
    {
        arxivId = "";
        if (!ArxivId.TryParse(Uri.UnescapeDataString(routeId), out var id)) return false;
        arxivId = id;
        return true;
    }

    /// <summary>
    /// Reads a JSON object of type <typeparamref name="T"/> from the body; the refusal is a 400 saying what was
    /// wrong (too large, not JSON, a field of the wrong type, not an object). Unknown fields are ignored.
    /// </summary>
    public static async Task<(T? Body, ProblemHttpResult? Refusal)> ReadJsonAsync<T>(HttpRequest request, JsonTypeInfo<T> type,
        CancellationToken ct) where T : class
    {
        if (request.ContentLength > MaxBodyBytes) return (null, TooLarge());
        var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return (null, TooLarge());
            buffer.Write(chunk, 0, read);
        }
        if (buffer.Length == 0) return (null, BadRequest("The request needs a JSON body."));
        try
        {
            var body = JsonSerializer.Deserialize(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), type);
            return body is null ? (null, BadRequest("The body must be a JSON object, not null.")) : (body, null);
        }
        catch (JsonException e)
        {
            // The exception's message names .NET types; the path and line are what a client can act on.
            var where = string.IsNullOrEmpty(e.Path) || e.Path == "$" ? "" : $" at {e.Path}";
            var line = e.LineNumber is { } n ? $" (line {n + 1})" : "";
            return (null, BadRequest($"The body is not the JSON this request takes{where}{line}. " +
                "Send a JSON object with the fields this endpoint documents."));
        }
    }

    public static ProblemHttpResult BadRequest(string detail) => Problem(StatusCodes.Status400BadRequest, detail);
    public static ProblemHttpResult Forbidden(string detail) => Problem(StatusCodes.Status403Forbidden, detail);
    public static ProblemHttpResult NotFound(string detail) => Problem(StatusCodes.Status404NotFound, detail);

    public static ProblemHttpResult Problem(int status, string detail, IEnumerable<KeyValuePair<string, object?>>? extensions = null) =>
        TypedResults.Problem(detail, statusCode: status, title: Title(status), extensions: extensions);

    /// <summary>Titles as the rest of the API writes them ("Not found").</summary>
    private static string Title(int status) => status switch
    {
        StatusCodes.Status400BadRequest => "Bad request",
        StatusCodes.Status403Forbidden => "Forbidden",
        StatusCodes.Status404NotFound => "Not found",
        StatusCodes.Status409Conflict => "Conflict",
        StatusCodes.Status503ServiceUnavailable => "Service unavailable",
        _ => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status),
    };

    private static ProblemHttpResult TooLarge() =>
        BadRequest($"The request body is larger than {MaxBodyBytes / 1024} KiB, more than any request here needs.");

    /// <summary>The refusals every token-only write can answer with, for the API's description.</summary>
    public static TBuilder ProducesTokenProblems<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
}

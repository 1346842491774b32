using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Paperboy.Web;

/// <summary>
/// Failures of the database itself rather than of a request: a read-only database, a full disk, a file that
/// cannot be written, a server that cannot be reached or is restarting. They answer 503 with a page that says
/// nothing was saved (never a bare 500), and the log says why in words; the rest of the site, reads included,
/// keeps working, and writes work again once the storage does, without a restart.
/// </summary>
public static class StorageErrors
{
    /// <summary>The reason in words when <paramref name="e"/> or an exception inside it is such a failure; else null.</summary>
    public static string? Reason(Exception e) => Find(e)?.Reason;

    /// <summary>
    /// The database answers but refuses to store: read-only, or no room. Reads still work then, so a write made
    /// on the side of a read (a last-used time) may be skipped; an unreachable server is not this.
    /// </summary>
    public static bool IsReadOnlyOrFull(Exception e) => Find(e)?.RefusesWrites == true;

    private static (string Reason, bool RefusesWrites)? Find(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
            if (Describe(x) is { } found) return found;
        return null;
    }

    /// <summary>One exception's reason, and whether the database still answers reads while refusing writes.</summary>
    private static (string Reason, bool RefusesWrites)? Describe(Exception x) => x switch
    {
        SqliteException s => s.SqliteErrorCode switch
        {
            8 => ("the database file is read-only", true),
            13 => ("the disk is full", true),
            10 => ("the database file cannot be written (I/O error)", true),
            14 => ("the database file cannot be opened", false),
            _ => null,
        },
        PostgresException p => p.SqlState switch
        {
            "25006" => ("the database is read-only (a standby, or default_transaction_read_only)", true),
            "53100" => ("the database server's disk is full", true),
            "57P01" or "57P02" or "57P03" => ("the database server is shutting down or starting", false),
            _ when p.SqlState.StartsWith("53", StringComparison.Ordinal) => ("the database server is out of resources", false),
            _ => null,
        },
        NpgsqlException n when n.IsTransient => ("the database server cannot be reached", false),
        _ => null,
    };

    /// <summary>503 for a storage failure, 500 for anything else (the exception handler's status).</summary>
    public static int StatusCode(Exception e) => Reason(e) is null ? StatusCodes.Status500InternalServerError : StatusCodes.Status503ServiceUnavailable;

    /// <summary>Title and sentence for the visitor: a write was not saved, or the site cannot read right now.</summary>
    public static (string Title, string Message) Wording(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)
            ? ("Temporarily unavailable", "The site's database is not answering right now. Please try again in a moment.")
            : ("Not saved", "The site cannot store changes at the moment, so this was not saved. Reading works as usual; please try again later.");

    /// <summary>Logs the reason in words (the exception handler logs the exception itself) and asks clients to come back.</summary>
    public sealed class Logger(ILogger<Logger> log) : IExceptionHandler
    {
        public ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
        {
            if (Reason(exception) is { } reason)
            {
                // The site's handler has already rewritten the path to /error; the feature keeps the one asked for.
                var path = context.Features.Get<IExceptionHandlerPathFeature>()?.Path ?? context.Request.Path.Value;
                log.LogError("Storage: {Method} {Path} failed because {Reason}", context.Request.Method, path, reason);
                context.Response.Headers.RetryAfter = "30";
            }
            // Not handled here: the site's error page or the API's problem details answer, with the status above.
            return ValueTask.FromResult(false);
        }
    }
}

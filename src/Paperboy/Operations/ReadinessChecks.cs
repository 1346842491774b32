using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paperboy.Data;
using Paperboy.Search;
using Paperboy.Search.Indexing;

namespace Paperboy.Operations;

/// <summary>
/// The checks of <c>/readyz</c> (tag <see cref="Tag"/>): a node is ready when its database answers, every
/// migration is applied, and its search indexes have caught up. Reasons are in Paperboy's words; an exception's
/// message (which may name hosts and databases) goes to the log, not to the public answer.
/// </summary>
public static class ReadinessChecks
{
    public const string Tag = "ready";

    public static IHealthChecksBuilder AddReadinessChecks(this IHealthChecksBuilder checks)
    {
        var timeout = TimeSpan.FromSeconds(5);
        return checks
            .AddCheck<DatabaseCheck>("database", HealthStatus.Unhealthy, [Tag], timeout)
            .AddCheck<MigrationsCheck>("migrations", HealthStatus.Unhealthy, [Tag], timeout)
            .AddCheck<SearchIndexCheck>("search-index", HealthStatus.Unhealthy, [Tag], timeout)
            .AddCheck<VectorsCheck>("vectors", HealthStatus.Unhealthy, [Tag], timeout);
    }

    /// <summary>
    /// Whether a derived index at <paramref name="mark"/> counts as caught up with <paramref name="latest"/>: it is
    /// level, or what it lacks was written after its last completed catch-up round began, and that round began
    /// no more than one catch-up interval ago (plus a few seconds for the round itself). A node building its
    /// index from scratch, or whose indexer fails or has stopped, is not ready.
    /// </summary>
    public static HealthCheckResult CaughtUp(string what, long mark, long latest, DateTimeOffset? lastRound,
        SearchOptions options, DateTimeOffset now)
    {
        if (mark >= latest) return HealthCheckResult.Healthy($"{what} level with the database at change {latest}");
        var grace = TimeSpan.FromSeconds(options.CatchUpSeconds) + RoundSlack;
        if (lastRound is { } at && now - at <= grace)
            return HealthCheckResult.Healthy($"{what} at change {mark}, the database at {latest}: written since the last round, taken at the next");
        var since = lastRound is { } t ? $"its last completed round began {(now - t).TotalSeconds:0} s ago" : "it has not completed a round since start";
        return HealthCheckResult.Unhealthy($"{what} at change {mark}, the database at {latest} ({latest - mark} behind); {since}");
    }

    /// <summary>Time a catch-up round may take beyond its interval before its index counts as behind.</summary>
    public static readonly TimeSpan RoundSlack = TimeSpan.FromSeconds(5);

    internal static HealthCheckResult Unreadable(ILogger log, string what, Exception e)
    {
        log.LogWarning(e, "Readiness: {What} could not be read", what);
        return HealthCheckResult.Unhealthy($"{what} could not be read ({e.GetType().Name})");
    }
}

public sealed class DatabaseCheck(AppDbContext db, ILogger<DatabaseCheck> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1", ct);
            return HealthCheckResult.Healthy("answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Readiness: the database did not answer");
            return HealthCheckResult.Unhealthy($"does not answer ({e.GetType().Name})");
        }
    }
}

public sealed class MigrationsCheck(AppDbContext db, ILogger<MigrationsCheck> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var applied = (await db.Database.GetAppliedMigrationsAsync(ct)).ToHashSet(StringComparer.Ordinal);
            var missing = db.Database.GetMigrations().Where(m => !applied.Contains(m)).ToList();
            return missing.Count == 0
                ? HealthCheckResult.Healthy($"all {applied.Count} applied")
                : HealthCheckResult.Unhealthy($"{missing.Count} not applied: {string.Join(", ", missing)}");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ReadinessChecks.Unreadable(log, "the applied migrations", e);
        }
    }
}

/// <summary>The full-text index against the papers' change numbers.</summary>
public sealed class SearchIndexCheck(AppDbContext db, SearchIndexes indexes, SearchIndexer indexer, SearchOptions options,
    TimeProvider clock, ILogger<SearchIndexCheck> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (indexes.KeywordOrNull() is not { } keyword)
            return HealthCheckResult.Unhealthy("the full-text index is held by another process (a rebuild from the command line?)");
        try
        {
            var latest = await PaperChanges.LatestAsync(db, ct);
            return ReadinessChecks.CaughtUp("the full-text index", keyword.CommittedChangeNumber, latest, indexer.LastCaughtUpAt, options, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ReadinessChecks.Unreadable(log, "the latest change number", e);
        }
    }
}

/// <summary>
/// The in-memory vectors against the embeddings stored for the model (not against the papers: computing
/// embeddings may take hours after a large import, or happen on another node, and until then search answers by
/// words; the papers waiting for one are on the status page and in <c>paperboy_embeddings_pending</c>).
/// </summary>
public sealed class VectorsCheck(AppDbContext db, SearchIndexes indexes, SearchIndexer indexer, SearchOptions options,
    TimeProvider clock, ILogger<VectorsCheck> log) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            var stored = await EmbeddingSync.StoredUpToAsync(db, indexes.Model, ct);
            return ReadinessChecks.CaughtUp("the vectors in memory", indexes.VectorsSeen, stored, indexer.LastCaughtUpAt, options, clock.GetUtcNow());
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return ReadinessChecks.Unreadable(log, "the stored embeddings", e);
        }
    }
}

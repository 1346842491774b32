using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Paperboy.Community.Accounts;
using Paperboy.Community.Moderation;
using Paperboy.Community.Trending;
using Paperboy.Data;
using Paperboy.Digests;
using Paperboy.Operations.Leases;
using Paperboy.Search.Indexing;
using Microsoft.EntityFrameworkCore;

namespace Paperboy.Operations;

/// <summary>
/// <c>/admin/status</c>, for moderators and administrators: the readiness checks, the figures the gauges of
/// <c>/metrics</c> report, and the last pass of each background job on this node.
/// </summary>
public sealed class StatusModel(AppDbContext db, SearchIndexes indexes, HealthCheckService health, JobRuns jobs,
    JobLeases leases, TimeProvider clock, Members members, UserManager<User> users, ILogger<StatusModel> log) : ModerationModel(members, users)
{
    /// <summary>The jobs a server runs, listed even before their first pass.</summary>
    public static readonly string[] Jobs = [SearchIndexer.Job, EmbeddingWorker.Job, DigestWorker.Job, TrendingRefresher.Job, Import.OaiPmh.HarvestWorker.Job];

    public HealthReport? Readiness { get; private set; }
    public SiteFigures? Figures { get; private set; }
    public List<(string Job, JobRun? Last)> Runs { get; private set; } = [];
    public DateTimeOffset Now { get; private set; }
    public List<JobLease> Leases { get; private set; } = [];
    public string Node => leases.Node;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (await ReaderAsync() is null) return Page();
        Now = clock.GetUtcNow();
        Readiness = await health.CheckHealthAsync(c => c.Tags.Contains(ReadinessChecks.Tag), ct);
        try
        {
            Figures = await SiteFigures.ReadAsync(db, indexes, clock, ct);
            Leases = await db.JobLeases.AsNoTracking().OrderBy(l => l.Job).ToListAsync(ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The readiness table above says what is wrong; the page still shows the jobs.
            log.LogWarning(e, "Status: the site's figures could not be read");
        }
        Runs = Jobs.Select(j => (j, jobs.Last(j))).ToList();
        return Page();
    }
}

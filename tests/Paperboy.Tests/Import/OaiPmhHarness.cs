using Microsoft.EntityFrameworkCore;
using Paperboy.Cli;
using Paperboy.Import;
using Paperboy.Import.OaiPmh;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Import;

/// <summary>What the OAI-PMH tests share: the real data's paths, a harvest run in process, and what a database holds.</summary>
internal static class OaiPmhHarness
{
    public const int FullHarvestRecords = 2265;

    public static string FullHarvest => SharedData.File("arxiv/oai-pmh/full-harvest-2023-03-07");
    public static string OaiFile(string relative) => SharedData.File(Path.Combine("arxiv/oai-pmh", relative));

    /// <summary>Options for a test: no pause between pages, quick retries.</summary>
    public static HarvestOptions Options(string url, string prefix = "oai_dc") => new()
    {
        BaseUrl = url, Prefix = prefix, PageDelay = TimeSpan.Zero, Retries = 2,
        Backoff = TimeSpan.FromMilliseconds(10), MaxWait = TimeSpan.FromSeconds(5), RequestTimeout = TimeSpan.FromSeconds(30),
    };

    /// <summary>Runs the harvest verb in process, as the CLI does after parsing its arguments.</summary>
    public static async Task<(int Code, string Stdout, string Stderr)> RunAsync(TestDatabase tdb, HarvestOptions options,
        TimeProvider? time = null, CancellationToken? ct = null)
    {
        await using var db = tdb.CreateContext();
        using var http = OaiClient.CreateHttpClient();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await HarvestCommand.RunAsync(options, db, http, time ?? TimeProvider.System, stdout, stderr,
            ct ?? TestContext.Current.CancellationToken);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public static async Task<HarvestCheckpoint?> CheckpointAsync(TestDatabase tdb)
    {
        await using var db = tdb.CreateContext();
        return await db.HarvestCheckpoints.AsNoTracking().SingleOrDefaultAsync(TestContext.Current.CancellationToken);
    }

    public static async Task<int> PaperCountAsync(TestDatabase tdb)
    {
        await using var db = tdb.CreateContext();
        return await db.Papers.CountAsync(TestContext.Current.CancellationToken);
    }

    /// <summary>Every paper's content, without ids or change numbers, in id order: equal lists mean equal databases.</summary>
    public static async Task<List<string>> ContentAsync(TestDatabase tdb)
    {
        await using var db = tdb.CreateContext();
        var papers = await db.Papers.AsNoTracking().ToListAsync(TestContext.Current.CancellationToken);
        return papers.OrderBy(p => p.ArxivId, StringComparer.Ordinal).Select(p => string.Join(" | ",
            p.ArxivId, p.Version, p.Title, p.Abstract, string.Join("; ", p.Authors), string.Join(" ", p.Categories),
            p.PrimaryCategory, p.PublishedAt?.Ticks, p.UpdatedAt?.Ticks, p.Comment, p.JournalRef, p.Doi, p.GithubRepo,
            p.ProjectPage)).ToList();
    }

    public static async Task<long> MaxChangeNumberAsync(TestDatabase tdb)
    {
        await using var db = tdb.CreateContext();
        return await db.Papers.MaxAsync(p => (long?)p.ChangeNumber, TestContext.Current.CancellationToken) ?? 0;
    }
}

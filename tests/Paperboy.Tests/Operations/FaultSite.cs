using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Accounts;
using Paperboy.Community.Tokens;
using Paperboy.Community.Trending;
using Paperboy.Data;
using Paperboy.Import;

namespace Paperboy.Tests.Operations;

/// <summary>
/// What the fault tests share: a site with papers on the feed and members holding API tokens, clients that write
/// as those members, and the check that every count and score stored beside the rows agrees with the rows.
/// </summary>
internal static class FaultSite
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static string PaperId(int i) => $"2506.{i:00000}";

    /// <summary>
    /// Limits high enough that a burst from one member is never refused: a 429 would hide what a fault does.
    /// The scheduled jobs stay on (trending, leases, digests), as on a real site.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, string?> Settings = new Dictionary<string, string?>
    {
        ["Paperboy:RateLimits:Votes:Permits"] = "1000000",
        ["Paperboy:RateLimits:Comments:Permits"] = "1000000",
        ["Paperboy:RateLimits:SignIn:Permits"] = "1000",
        ["Paperboy:RateLimits:SignUp:Permits"] = "1000",
        ["Paperboy:RateLimits:Other:Permits"] = "100000",
        ["Paperboy:RateLimits:ApiReads:Permits"] = "1000000",
    };

    /// <summary>
    /// Papers on the feed (each with 3 upvotes from Hugging Face, as imported) and confirmed members with a password
    /// and one API token each; returns the members' token secrets by name.
    /// </summary>
    public static async Task<Dictionary<string, string>> SeedAsync(Func<AppDbContext> context, int papers, IReadOnlyList<string> members)
    {
        var day = new DateOnly(2025, 6, 2);
        await using var db = context();
        await new PaperWriter(db).WriteAsync(Enumerable.Range(1, papers)
            .Select(i => BackupSite.Paper(PaperId(i), $"Seeded paper about topic{i}", day)).ToList(), ct: Ct);
        var hasher = new PasswordHasher<User>();
        foreach (var name in members)
        {
            var user = new User
            {
                UserName = name, NormalizedUserName = name.ToUpperInvariant(), Email = $"{name}@example.org",
                NormalizedEmail = $"{name}@example.org".ToUpperInvariant(), EmailConfirmed = true,
                SecurityStamp = Guid.NewGuid().ToString(), CreatedAt = DateTime.UtcNow,
            };
            user.PasswordHash = hasher.HashPassword(user, Support.WebSession.Password);
            db.Users.Add(user);
        }
        await db.SaveChangesAsync(Ct);
        var tokens = new ApiTokenService(db, TimeProvider.System);
        var secrets = new Dictionary<string, string>();
        foreach (var user in await db.Users.Where(u => members.Contains(u.UserName!)).ToListAsync(Ct))
            secrets[user.UserName!] = (await tokens.CreateAsync(user.Id, "fault test", [ApiScopes.Vote, ApiScopes.Comment], null, Ct)).Secret;
        return secrets;
    }

    /// <summary>A client of the served site that writes as the token's member; each waits as long as the server takes.</summary>
    public static HttpClient Member(Uri site, string secret)
    {
        var http = new HttpClient { BaseAddress = site, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        return http;
    }

    /// <summary>
    /// Every feed entry's stored counts equal COUNT(*) of its vote rows and visible comment rows, its stored score
    /// is the score of those counts, a fresh recomputation (what the trending job does) finds nothing to change,
    /// and no member holds two vote rows for one paper.
    /// </summary>
    public static async Task AssertDerivedStateAsync(Func<AppDbContext> context)
    {
        await using var db = context();
        var entries = await db.DailyEntries.AsNoTracking().ToListAsync(Ct);
        var votes = await db.Votes.GroupBy(v => v.PaperId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, Ct);
        var comments = await db.Comments.Where(c => c.DeletedAt == null && c.HiddenAt == null)
            .GroupBy(c => c.PaperId).Select(g => new { g.Key, N = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.N, Ct);
        Assert.NotEmpty(entries);
        foreach (var e in entries)
        {
            Assert.True(votes.GetValueOrDefault(e.PaperId) == e.LocalUpvotes,
                $"paper {e.PaperId}: {e.LocalUpvotes} upvotes stored, {votes.GetValueOrDefault(e.PaperId)} vote rows");
            Assert.True(comments.GetValueOrDefault(e.PaperId) == e.LocalComments,
                $"paper {e.PaperId}: {e.LocalComments} comments stored, {comments.GetValueOrDefault(e.PaperId)} visible comment rows");
            Assert.Equal(TrendingScore.Compute(e.TotalUpvotes, e.TotalComments, e.SubmittedAt), e.Trending);
        }
        Assert.False(await db.Votes.GroupBy(v => new { v.UserId, v.PaperId }).AnyAsync(g => g.Count() > 1, Ct), "a member has two vote rows on one paper");
        var recompute = await TrendingRecompute.RunAsync(db, ct: Ct);
        Assert.Equal(entries.Count, recompute.Checked);
        Assert.Equal(0, recompute.Updated);
    }

    /// <summary>The vote rows as (member name, arXiv id) pairs.</summary>
    public static async Task<HashSet<(string Member, string Paper)>> VotesAsync(Func<AppDbContext> context)
    {
        await using var db = context();
        var rows = await (from v in db.Votes
                          join u in db.Users on v.UserId equals u.Id
                          join p in db.Papers on v.PaperId equals p.Id
                          select new { u.UserName, p.ArxivId }).ToListAsync(Ct);
        return rows.Select(r => (r.UserName!, r.ArxivId)).ToHashSet();
    }

    /// <summary>Runs a system tool (mount, umount, ...) to its end: true when it exits 0, false when it fails or is not installed.</summary>
    public static async Task<bool> RunToolAsync(string tool, params string[] args)
    {
        try
        {
            var info = new ProcessStartInfo(tool) { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in args) info.ArgumentList.Add(a);
            using var p = Process.Start(info)!;
            await p.WaitForExitAsync(TestContext.Current.CancellationToken);
            return p.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}

using Microsoft.EntityFrameworkCore;
using Paperboy.Data;

namespace Paperboy.Bench.Community;

/// <summary>After a vote load: do the stored counts and vote rows agree with each other and with what the server acknowledged?</summary>
public static class VoteCheck
{
    public sealed record Outcome(int CountMismatches, int StateMismatches, int Checked);

    public static async Task<Outcome> RunAsync(AppDbContext db, Dictionary<(string User, string Paper), bool> expected, CancellationToken ct)
    {
        var countMismatches = await db.DailyEntries
            .CountAsync(e => e.LocalUpvotes != db.Votes.Count(v => v.PaperId == e.PaperId), ct);
        var papers = expected.Keys.Select(k => k.Paper).Distinct().ToList();
        var users = expected.Keys.Select(k => k.User).Distinct().ToList();
        var stored = (await (from v in db.Votes
                             join u in db.Users on v.UserId equals u.Id
                             join p in db.Papers on v.PaperId equals p.Id
                             where papers.Contains(p.ArxivId) && users.Contains(u.UserName!)
                             select new { u.UserName, p.ArxivId }).ToListAsync(ct))
            .Select(x => (x.UserName!, x.ArxivId)).ToHashSet();
        var stateMismatches = expected.Count(kv => kv.Value != stored.Contains(kv.Key));
        return new Outcome(countMismatches, stateMismatches, expected.Count);
    }
}

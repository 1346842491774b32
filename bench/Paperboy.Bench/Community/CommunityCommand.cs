using System.CommandLine;
using Paperboy.Data;

namespace Paperboy.Bench.Community;

/// <summary>
/// <c>community seed --data DIR [--database CS] --users N --votes M</c> and
/// <c>community vote --url URL --data DIR [--database CS] --members N --concurrency C --seconds S</c>.
/// </summary>
public static class CommunityCommand
{
    public static Command Create()
    {
        var data = new Option<string>("--data") { Description = "Paperboy's data folder (the SQLite database)", Required = true };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string instead of SQLite" };

        var users = new Option<int>("--users") { Description = "Members to add", DefaultValueFactory = _ => 100_000 };
        var votes = new Option<long>("--votes") { Description = "Upvotes to add", DefaultValueFactory = _ => 2_000_000 };
        var seed = new Option<int>("--seed") { Description = "Random seed", DefaultValueFactory = _ => 1 };
        var seedCmd = new Command("seed", "Add bench members and votes to a database that holds a feed") { data, database, users, votes, seed };
        seedCmd.SetAction(async (r, ct) =>
        {
            await using var db = Context(r, data, database);
            await CommunitySeed.RunAsync(db, r.GetValue(users), r.GetValue(votes), r.GetValue(seed), Console.Error, ct);
            return 0;
        });

        var url = new Option<string>("--url") { Description = "The running site, on loopback", Required = true };
        var members = new Option<int>("--members") { Description = "Members who vote", DefaultValueFactory = _ => 256 };
        var concurrency = new Option<int>("--concurrency") { Description = "Requests in flight", DefaultValueFactory = _ => 32 };
        var seconds = new Option<int>("--seconds") { Description = "How long to vote (1..60)", DefaultValueFactory = _ => 20 };
        var voteCmd = new Command("vote", "Vote through the site for a while, then check every count against the votes table")
        {
            url, data, database, members, concurrency, seconds,
        };
        voteCmd.Validators.Add(r =>
        {
            if (r.GetValue(seconds) is < 1 or > 60) r.AddError("--seconds must be 1..60");
            if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var u) || !u.IsLoopback) r.AddError("--url must be a loopback address");
        });
        voteCmd.SetAction(async (r, ct) =>
        {
            var result = await VoteLoad.RunAsync(new Uri(r.GetValue(url)!), r.GetValue(members), r.GetValue(concurrency), r.GetValue(seconds), Console.Error, ct);
            await using var db = Context(r, data, database);
            var check = await VoteCheck.RunAsync(db, result.Expected, ct);
            // One machine-readable line for bench/community.sh.
            Console.WriteLine($"votes={result.Votes} errors={result.Errors} seconds={result.Seconds:F1} rate={result.Votes / result.Seconds:F0} " +
                $"p50={result.P50Ms:F1}ms p99={result.P99Ms:F1}ms count_mismatches={check.CountMismatches} " +
                $"state_mismatches={check.StateMismatches} checked={check.Checked}");
            return check.CountMismatches == 0 && check.StateMismatches == 0 ? 0 : 1;
        });
        return new Command("community", "Members and votes for the community benchmarks") { seedCmd, voteCmd };
    }

    internal static AppDbContext Context(ParseResult r, Option<string> data, Option<string?> database) =>
        DataServices.CreateContext(new DataFolder(Path.GetFullPath(r.GetValue(data)!)), new DatabaseOptions { ConnectionString = r.GetValue(database) });
}

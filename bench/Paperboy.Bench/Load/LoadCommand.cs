using System.CommandLine;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Paperboy.Bench.Community;

namespace Paperboy.Bench.Load;

/// <summary>
/// <c>load prepare --url URL --data DIR [--database CS] --out DIR</c>: everything bench/load.lua sends that a
/// script cannot make itself, written as plain files: signed-in members (cookies and form token), sign-in forms
/// already fetched (their antiforgery pair), the feed's papers and a sample of all papers.
/// </summary>
public static class LoadCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { Description = "The running site, on loopback", Required = true };
        var data = new Option<string>("--data") { Description = "The site's data folder", Required = true };
        var database = new Option<string?>("--database") { Description = "PostgreSQL connection string (default: SQLite in --data)" };
        var output = new Option<string>("--out") { Description = "Folder for the files", Required = true };
        var members = new Option<int>("--members") { Description = "Members signed in, who vote", DefaultValueFactory = _ => 512 };
        var signIns = new Option<int>("--sign-ins") { Description = "Sign-in forms fetched, for other members", DefaultValueFactory = _ => 512 };
        var sample = new Option<int>("--papers") { Description = "Papers drawn at random from the whole database", DefaultValueFactory = _ => 5000 };
        var prepare = new Command("prepare", "Sign members in and write the load script's inputs") { url, data, database, output, members, signIns, sample };
        prepare.Validators.Add(r =>
        {
            if (!Uri.TryCreate(r.GetValue(url), UriKind.Absolute, out var u) || !u.IsLoopback) r.AddError("--url must be a loopback address");
        });
        prepare.SetAction(async (r, ct) =>
        {
            var site = new Uri(r.GetValue(url)!);
            var dir = Directory.CreateDirectory(r.GetValue(output)!).FullName;
            int m = r.GetValue(members), s = r.GetValue(signIns);

            var sessions = new VoteLoad.Session[m];
            await Parallel.ForAsync(0, m, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
                async (i, c) => sessions[i] = await VoteLoad.Session.SignInAsync(site, CommunitySeed.UserName(i + 1), c));
            await File.WriteAllLinesAsync(Path.Combine(dir, "sessions.tsv"),
                sessions.Select(x => $"{x.CookieHeader}\t{Uri.EscapeDataString(x.FormToken)}"), ct);
            foreach (var x in sessions) x.Dispose();

            // Members past the signed-in ones: a sign-in there is a real one, not a repeat over a live session.
            var forms = new string[s];
            await Parallel.ForAsync(0, s, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, c) =>
            {
                var cookies = new CookieContainer();
                using var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = site };
                var token = VoteLoad.Session.Token(await client.GetStringAsync("/account/signin", c));
                forms[i] = $"{cookies.GetCookieHeader(site)}\t{Uri.EscapeDataString(token)}\t{CommunitySeed.UserName(m + i + 1)}";
            });
            await File.WriteAllLinesAsync(Path.Combine(dir, "signins.tsv"), forms, ct);

            using var http = new HttpClient { BaseAddress = site };
            var feed = JsonDocument.Parse(await http.GetStringAsync("/api/daily_papers?limit=100", ct)).RootElement
                .EnumerateArray().Select(e => e.GetProperty("paper").GetProperty("id").GetString()!).ToList();
            if (feed.Count == 0) throw new InvalidOperationException("the site's latest day has no papers");
            await File.WriteAllLinesAsync(Path.Combine(dir, "feed.txt"), feed, ct);

            await using var db = CommunityCommand.Context(r, data, database);
            var all = await db.Papers.OrderBy(_ => EF.Functions.Random()).Select(p => p.ArxivId).Take(r.GetValue(sample)).ToListAsync(ct);
            await File.WriteAllLinesAsync(Path.Combine(dir, "papers.txt"), all, ct);
            Console.Error.WriteLine($"{m} members signed in, {s} sign-in forms, {feed.Count} feed papers, {all.Count} sampled papers in {dir}");
            return 0;
        });
        return new Command("load", "Inputs for the mixed load of bench/load.sh") { prepare };
    }
}

using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Paperboy.Bench.Community;

/// <summary>
/// Signed-in voting under load: <c>members</c> seeded members sign in through the real form, then <c>concurrency</c>
/// workers vote and unvote on the latest day's papers for a fixed time through <c>POST /vote</c>, as the page's
/// script does. Each worker owns its own members, so it knows what every acknowledged vote left behind; the
/// final state is returned for <see cref="VoteCheck"/> to compare with the database.
/// </summary>
public static partial class VoteLoad
{
    public sealed record Result(long Votes, long Errors, double Seconds, double P50Ms, double P99Ms,
        Dictionary<(string User, string Paper), bool> Expected);

    public static async Task<Result> RunAsync(Uri site, int members, int concurrency, int seconds, TextWriter log, CancellationToken ct)
    {
        var sessions = new Session[members];
        await Parallel.ForAsync(0, members, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct },
            async (i, c) => sessions[i] = await Session.SignInAsync(site, CommunitySeed.UserName(i + 1), c));
        log.WriteLine($"{members} members signed in");
        using var http = new HttpClient { BaseAddress = site };
        var papers = JsonDocument.Parse(await http.GetStringAsync("/api/daily_papers?limit=100", ct)).RootElement
            .EnumerateArray().Select(e => e.GetProperty("paper").GetProperty("id").GetString()!).ToArray();
        if (papers.Length == 0) throw new InvalidOperationException("the site's latest day has no papers");

        var expected = new Dictionary<(string, string), bool>();
        var latencies = new List<double>[concurrency];
        long errors = 0;
        var stopwatch = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Parallel.ForAsync(0, concurrency, new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct }, async (w, c) =>
        {
            var rng = new Random(w);
            var mine = Enumerable.Range(0, members).Where(i => i % concurrency == w).Select(i => sessions[i]).ToArray();
            var state = new Dictionary<(string, string), bool>();
            var times = latencies[w] = [];
            if (mine.Length == 0) return;
            while (stopwatch.Elapsed < until)
            {
                var session = mine[rng.Next(mine.Length)];
                var paper = papers[rng.Next(papers.Length)];
                var up = !state.GetValueOrDefault((session.Name, paper));
                var start = Stopwatch.GetTimestamp();
                var ok = await session.VoteAsync(paper, up, c);
                times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (ok) state[(session.Name, paper)] = up;
                else Interlocked.Increment(ref errors);
            }
            lock (expected)
                foreach (var (key, value) in state) expected[key] = value;
        });
        var elapsed = stopwatch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l ?? []).Order().ToArray();
        foreach (var s in sessions) s.Dispose();
        return new Result(all.Length, errors, elapsed, Percentile(all, 0.50), Percentile(all, 0.99), expected);
    }

    private static double Percentile(double[] sorted, double p) => sorted.Length == 0 ? 0 : sorted[(int)Math.Min(sorted.Length - 1, p * sorted.Length)];

    /// <summary>A member signed in through the real form, with the antiforgery token of their pages.</summary>
    internal sealed class Session(string name, HttpClient client, CookieContainer cookies, string token) : IDisposable
    {
        public string Name => name;

        public string FormToken => token;

        /// <summary>The Cookie header a browser would send: the sign-in cookie and the antiforgery cookie.</summary>
        public string CookieHeader => cookies.GetCookieHeader(client.BaseAddress!);

        public static async Task<Session> SignInAsync(Uri site, string name, CancellationToken ct)
        {
            var cookies = new CookieContainer();
            var client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = site };
            var form = await client.GetStringAsync("/account/signin", ct);
            using var signedIn = await client.PostAsync("/account/signin", new FormUrlEncodedContent(
                [new("Form.Name", name), new("Form.Password", CommunitySeed.Password), new("Form.Remember", "true"), new("__RequestVerificationToken", Token(form))]), ct);
            if (signedIn.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"{name} could not sign in: HTTP {(int)signedIn.StatusCode}");
            // The signed-in page's token (every page has one in its sign-out form) is valid for this member's votes.
            return new Session(name, client, cookies, Token(await client.GetStringAsync("/papers", ct)));
        }

        public async Task<bool> VoteAsync(string paper, bool up, CancellationToken ct)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/vote")
            {
                Content = new FormUrlEncodedContent([new("paper", paper), new("up", up ? "true" : "false"), new("__RequestVerificationToken", token)]),
            };
            request.Headers.Accept.ParseAdd("application/json");
            try
            {
                using var response = await client.SendAsync(request, ct);
                return response.StatusCode == HttpStatusCode.OK;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }

        public void Dispose() => client.Dispose();

        internal static string Token(string html) => WebUtility.HtmlDecode(TokenInput().Match(html) is { Success: true } m
            ? m.Groups[1].Value
            : throw new InvalidOperationException("no antiforgery token on the page"));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();
}

using System.Text.Json.Nodes;

namespace Paperboy.Tests.Operations;

/// <summary>
/// What one member was told about their votes through the API. Each member's requests go one after another, so
/// for each paper the stored vote must be the last acknowledged one, or the state asked for by a later request
/// that got no success answer (it may or may not have been committed when the answer was lost).
/// </summary>
internal sealed class VoteLedger(string member)
{
    private readonly Dictionary<string, bool> _acked = [];
    private readonly Dictionary<string, HashSet<bool>> _unknown = [];

    public string Member { get; } = member;
    public int Acknowledged { get; private set; }
    public int Unanswered { get; private set; }

    public IEnumerable<string> Papers => _acked.Keys.Union(_unknown.Keys);

    /// <summary>Whether <paramref name="stored"/> (the vote row exists) is an outcome the answers allow.</summary>
    public bool Allows(string paper, bool stored) =>
        _acked.GetValueOrDefault(paper) == stored || (_unknown.TryGetValue(paper, out var maybe) && maybe.Contains(stored));

    public string Describe(string paper) =>
        $"{Member} on {paper}: acknowledged {(_acked.TryGetValue(paper, out var a) ? a.ToString() : "nothing")}, " +
        $"unanswered [{string.Join(", ", _unknown.GetValueOrDefault(paper) ?? [])}]";

    /// <summary>
    /// Votes as the member on random papers, upvoting or withdrawing, until <paramref name="stop"/> says so or the
    /// server stops answering at all. A refusal (an answer that is not a success) is told to <paramref name="refused"/>
    /// and voting goes on.
    /// </summary>
    public async Task VoteAsync(HttpClient member, int papers, int seed, Func<bool> stop, Action<int, string> refused, CancellationToken ct)
    {
        var random = new Random(seed);
        while (!stop())
        {
            var paper = FaultSite.PaperId(random.Next(1, papers + 1));
            var up = random.Next(5) < 3;
            try
            {
                using var request = new HttpRequestMessage(up ? HttpMethod.Post : HttpMethod.Delete, $"/api/papers/{paper}/upvote");
                using var response = await member.SendAsync(request, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                if (!response.IsSuccessStatusCode)
                {
                    Unknown(paper, up);
                    refused((int)response.StatusCode, body);
                    continue;
                }
                var voted = (bool)JsonNode.Parse(body)!["voted"]!;
                if (voted != up) throw new InvalidOperationException($"asked for {up}, answered {body}");
                _acked[paper] = up;
                _unknown.Remove(paper);
                Acknowledged++;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException && !ct.IsCancellationRequested)
            {
                // No answer: the server is gone (killed) or took longer than the client waits.
                Unknown(paper, up);
                return;
            }
        }
    }

    private void Unknown(string paper, bool up)
    {
        Unanswered++;
        if (!_unknown.TryGetValue(paper, out var set)) _unknown[paper] = set = [];
        set.Add(up);
    }
}

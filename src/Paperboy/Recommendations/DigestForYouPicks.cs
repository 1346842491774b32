using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Digests;

namespace Paperboy.Recommendations;

/// <summary>
/// The digest's "for you" section: the member with the subscriber's confirmed address, their picks among the
/// period's papers. An address that is no member's (a subscriber without an account) gets none.
/// </summary>
public sealed class DigestForYouPicks(IServiceScopeFactory scopes, Recommender recommender) : IForYouPicks
{
    public async Task<IReadOnlyList<long>> PickAsync(string email, DigestPeriod period, int count, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(email)) return [];
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var normalized = email.Trim().ToUpperInvariant();
        var userId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == normalized && u.EmailConfirmed)
            .Select(u => (long?)u.Id).FirstOrDefaultAsync(ct);
        if (userId is null) return [];
        var signals = await SignalReader.ReadAsync(db, userId.Value, ct);
        var picks = await recommender.PickAsync(db, signals, PickScope.Days(period.FirstDay, period.LastDay), count, ct);
        return picks.Select(p => p.PaperId).ToList();
    }
}

using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Digests;

namespace Paperboy.Recommendations;

/// <summary>
/// The digest's "for you" section: the member with the subscriber's confirmed address, their picks among the
/// period's papers. An address that is no member's (a subscriber without an account) gets none; an unconfirmed
/// one neither, since whoever confirmed the subscription need not be the member who typed that address. The
/// private feed knows its member by their token and asks by id.
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
        return userId is null ? [] : await PickAsync(db, userId.Value, period, count, ct);
    }

    public async Task<IReadOnlyList<long>> PickForMemberAsync(long userId, string email, DigestPeriod period, int count, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await PickAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), userId, period, count, ct);
    }

    private async Task<IReadOnlyList<long>> PickAsync(AppDbContext db, long userId, DigestPeriod period, int count, CancellationToken ct)
    {
        var signals = await SignalReader.ReadAsync(db, userId, ct);
        var picks = await recommender.PickAsync(db, signals, PickScope.Days(period.FirstDay, period.LastDay), count, ct);
        return picks.Select(p => p.PaperId).ToList();
    }
}

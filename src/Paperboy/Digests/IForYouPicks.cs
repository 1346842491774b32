namespace Paperboy.Digests;

/// <summary>
/// Personal picks for a subscriber's "for you" section: paper row ids, best first, at most <c>count</c>. Papers a
/// moderator hid are dropped by the digest whatever the picks say.
/// </summary>
public interface IForYouPicks
{
    Task<IReadOnlyList<long>> PickAsync(string email, DigestPeriod period, int count, CancellationToken ct);

    /// <summary>
    /// The same for a member already known (the private feed, opened with their token), whether or not their
    /// address is confirmed. By default, by their address.
    /// </summary>
    Task<IReadOnlyList<long>> PickForMemberAsync(long userId, string email, DigestPeriod period, int count, CancellationToken ct) =>
        PickAsync(email, period, count, ct);
}

/// <summary>No recommendations yet: the "for you" section is left out of every digest.</summary>
public sealed class NoForYouPicks : IForYouPicks
{
    public Task<IReadOnlyList<long>> PickAsync(string email, DigestPeriod period, int count, CancellationToken ct) =>
        Task.FromResult<IReadOnlyList<long>>([]);
}

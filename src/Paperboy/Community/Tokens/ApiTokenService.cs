using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Community.Tokens;

/// <summary>Why a presented secret was refused.</summary>
public enum TokenRefusal { None, Unknown, Revoked, Expired }

/// <summary>A token as its owner's settings list it; the secret itself is never read back.</summary>
public sealed record ApiTokenSummary(long Id, string Name, string Prefix, List<string> Scopes, DateTime CreatedAt,
    DateTime? ExpiresAt, DateTime? LastUsedAt, DateTime? RevokedAt);

/// <summary>Makes, checks, lists and revokes personal API tokens.</summary>
public sealed class ApiTokenService(AppDbContext db, TimeProvider clock)
{
    public const string SecretPrefix = "pb_";
    public const int MaxName = 100;
    public const int MaxTokensPerUser = 50;

    /// <summary>A successful check is written back as "last used" at most this often, not on every request.</summary>
    private static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    /// <summary>Makes a token and returns it with its secret, which exists nowhere else from then on.</summary>
    public async Task<(ApiToken Token, string Secret)> CreateAsync(long userId, string name, IEnumerable<string> scopes,
        DateTime? expiresAt, CancellationToken ct)
    {
        var secret = SecretPrefix + Base64Url(RandomNumberGenerator.GetBytes(32));
        var token = new ApiToken
        {
            UserId = userId,
            Name = name.Trim(),
            Prefix = secret[..(SecretPrefix.Length + 6)],
            Hash = HashOf(secret),
            Scopes = scopes.Distinct().Order(StringComparer.Ordinal).ToList(),
            CreatedAt = clock.GetUtcNow().UtcDateTime,
            ExpiresAt = expiresAt,
        };
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        return (token, secret);
    }

    /// <summary>The live token behind a presented secret, or why there is none.</summary>
    public async Task<(ApiToken? Token, TokenRefusal Refusal)> CheckAsync(string secret, CancellationToken ct)
    {
        if (!secret.StartsWith(SecretPrefix, StringComparison.Ordinal) || secret.Length > 100)
            return (null, TokenRefusal.Unknown);
        var hash = HashOf(secret);
        var token = await db.ApiTokens.AsNoTracking().FirstOrDefaultAsync(t => t.Hash == hash, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (token is null) return (null, TokenRefusal.Unknown);
        if (token.RevokedAt is not null) return (null, TokenRefusal.Revoked);
        if (token.ExpiresAt is { } expires && expires <= now) return (null, TokenRefusal.Expired);
        if (token.LastUsedAt is not { } used || now - used >= LastUsedResolution)
        {
            await NoteUseAsync(token.Id, now, ct);
            token.LastUsedAt = now;
        }
        return (token, TokenRefusal.None);
    }

    /// <summary>
    /// Best effort: the last use is a hint for the token's owner, so a database that cannot take writes (read-only,
    /// full) must not turn every read made with a token into an error. A write then fails on its own, clearly.
    /// </summary>
    private async Task NoteUseAsync(long tokenId, DateTime now, CancellationToken ct)
    {
        try
        {
            await db.ApiTokens.Where(t => t.Id == tokenId).ExecuteUpdateAsync(s => s.SetProperty(t => t.LastUsedAt, now), ct);
        }
        catch (Exception e) when (StorageErrors.IsReadOnlyOrFull(e))
        {
        }
    }

    public Task<List<ApiTokenSummary>> ListAsync(long userId, CancellationToken ct) =>
        db.ApiTokens.AsNoTracking().Where(t => t.UserId == userId)
            .OrderByDescending(t => t.CreatedAt).ThenByDescending(t => t.Id)
            .Select(t => new ApiTokenSummary(t.Id, t.Name, t.Prefix, t.Scopes, t.CreatedAt, t.ExpiresAt, t.LastUsedAt, t.RevokedAt))
            .ToListAsync(ct);

    /// <summary>Revokes one of the member's own tokens; false when they have no such live token.</summary>
    public async Task<bool> RevokeAsync(long userId, long tokenId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.ApiTokens.Where(t => t.Id == tokenId && t.UserId == userId && t.RevokedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct) == 1;
    }

    /// <summary>The member's tokens that still work: neither revoked nor expired.</summary>
    public Task<int> LiveCountAsync(long userId, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.ApiTokens.CountAsync(t => t.UserId == userId && t.RevokedAt == null && (t.ExpiresAt == null || t.ExpiresAt > now), ct);
    }

    public static string HashOf(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

using Microsoft.EntityFrameworkCore;
using Paperboy.Data;
using Paperboy.Mail;
using Paperboy.Web;

namespace Paperboy.Digests;

/// <summary>Signing up for the digest by email (double opt-in), confirming, changing preferences, leaving.</summary>
public sealed class DigestSubscriptions(AppDbContext db, IMailSender sender, MailOptions mail, SiteOptions site, SubscriptionLinks links,
    TimeProvider clock)
{
    /// <summary>
    /// Asks for a digest for <paramref name="email"/>: a new or ended subscription gets a confirmation message
    /// (at most one per address per <see cref="DigestRules.ConfirmationInterval"/>); an active one changes nothing.
    /// The caller answers the same in every case, so the form tells no one who is subscribed.
    /// </summary>
    public async Task SubscribeAsync(string email, string normalized, HttpRequest? request, CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var s = await db.Subscriptions.FirstOrDefaultAsync(x => x.NormalizedEmail == normalized, ct);
        if (s is { Status: SubscriptionStatus.Active }) return;
        if (s?.ConfirmationSentAt is { } sent && now - sent < DigestRules.ConfirmationInterval) return;
        if (s is null)
        {
            s = new Subscription { Email = email, NormalizedEmail = normalized, Token = DigestRules.NewToken(), CreatedAt = now };
            db.Subscriptions.Add(s);
        }
        else if (s.Status != SubscriptionStatus.Pending)
        {
            // Coming back after leaving: old links stay dead.
            s.Token = DigestRules.NewToken();
            s.Email = email;
        }
        s.Status = SubscriptionStatus.Pending;
        s.ConfirmationSentAt = now;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException) when (s.Id == 0)
        {
            // The same address sent twice at once: the other request made the row and sends the one message.
            return;
        }
        await SendConfirmationAsync(s, request, ct);
    }

    /// <summary>A subscription for a member's confirmed address, active at once: the address was proven at sign-up.</summary>
    public async Task<Subscription> ForMemberAsync(long userId, string email, CancellationToken ct)
    {
        var normalized = email.Trim().ToLowerInvariant();
        var s = await db.Subscriptions.FirstOrDefaultAsync(x => x.NormalizedEmail == normalized, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        if (s is null)
        {
            s = new Subscription { Email = email.Trim(), NormalizedEmail = normalized, Token = DigestRules.NewToken(), CreatedAt = now };
            db.Subscriptions.Add(s);
        }
        s.UserId = userId;
        if (s.Status != SubscriptionStatus.Active)
        {
            s.Status = SubscriptionStatus.Active;
            s.ConfirmedAt = now;
            s.Bounces = 0;
        }
        await db.SaveChangesAsync(ct);
        return s;
    }

    /// <summary>The subscription a link names, when its secret is right; null otherwise (forged, old or mistyped).</summary>
    public async Task<Subscription?> FindAsync(long id, string? token, CancellationToken ct) =>
        await db.Subscriptions.FirstOrDefaultAsync(x => x.Id == id, ct) is { } s && DigestRules.TokenMatches(s, token) ? s : null;

    /// <summary>Activates a pending subscription from its confirmation link; false when the link has expired.</summary>
    public async Task<bool> ConfirmAsync(Subscription s, CancellationToken ct)
    {
        if (s.Status == SubscriptionStatus.Active) return true;
        var now = clock.GetUtcNow().UtcDateTime;
        if (s.Status != SubscriptionStatus.Pending || s.ConfirmationSentAt is not { } sent || now - sent > DigestRules.ConfirmationLifetime)
            return false;
        s.Status = SubscriptionStatus.Active;
        s.ConfirmedAt = now;
        s.Bounces = 0;
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>Ends the subscription and cancels any digest not sent yet.</summary>
    public async Task UnsubscribeAsync(Subscription s, CancellationToken ct)
    {
        await Transactions.RunAsync(db, async t =>
        {
            await db.Subscriptions.Where(x => x.Id == s.Id)
                .ExecuteUpdateAsync(u => u.SetProperty(x => x.Status, SubscriptionStatus.Unsubscribed), t);
            return await db.DigestOutbox.Where(o => o.SubscriptionId == s.Id && o.Status == OutboxStatus.Pending)
                .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, OutboxStatus.Cancelled), t);
        }, ct);
        s.Status = SubscriptionStatus.Unsubscribed;
    }

    private async Task SendConfirmationAsync(Subscription s, HttpRequest? request, CancellationToken ct)
    {
        var link = links.Confirm(s, request);
        var text = $"Someone, probably you, asked for the {site.Name} digest at this address.\n\n" +
                   $"Confirm by opening this link (it works for {DigestRules.ConfirmationLifetime.TotalDays:N0} days):\n{link}\n\n" +
                   "If it was not you, ignore this message: nothing will be sent.";
        await sender.SendAsync(LinkMail.Create(mail, null, s.Email, $"Confirm your {site.Name} digest", text, link, "Confirm my digest"), ct);
    }
}

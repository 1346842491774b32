namespace Paperboy.Digests;

public enum SubscriptionStatus
{
    /// <summary>Asked for by email, waiting for the address's owner to follow the confirmation link.</summary>
    Pending,
    Active,
    /// <summary>Stopped after too many bounces; the owner can start it again from the preferences page.</summary>
    Paused,
    Unsubscribed,
}

public enum DigestFrequency { Daily, Weekly }

/// <summary>
/// One address's digest: what it wants (the trending papers, alerts on categories, saved searches and authors,
/// "for you" picks) and when (daily or weekly, at an hour of its own time zone). One per address.
/// </summary>
public sealed class Subscription
{
    public long Id { get; set; }

    /// <summary>The address as its owner typed it.</summary>
    public required string Email { get; set; }

    /// <summary>Lower-case, for the one-subscription-per-address rule.</summary>
    public required string NormalizedEmail { get; set; }

    /// <summary>The member it belongs to, when made from account settings; null for a subscription by email alone.</summary>
    public long? UserId { get; set; }

    public SubscriptionStatus Status { get; set; }
    public DigestFrequency Frequency { get; set; }

    /// <summary>No daily digest on Saturdays and Sundays (the subscriber's own weekend).</summary>
    public bool SkipWeekends { get; set; }

    /// <summary>The hour, 0 to 23 in <see cref="TimeZone"/>, at which a digest becomes due.</summary>
    public int Hour { get; set; } = 8;

    /// <summary>An IANA time zone id.</summary>
    public string TimeZone { get; set; } = "UTC";

    public bool Trending { get; set; } = true;
    public List<string> Categories { get; set; } = [];
    public List<string> Searches { get; set; } = [];
    public List<string> Authors { get; set; } = [];
    public bool ForYou { get; set; }

    /// <summary>
    /// The secret in the confirmation, preferences and unsubscribe links (random, 128 bits). It is stored as is,
    /// since every message must carry it; it grants no more than those links do, and changing it voids them.
    /// </summary>
    public required string Token { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? ConfirmationSentAt { get; set; }
    public DateTime? ConfirmedAt { get; set; }

    /// <summary>Permanent delivery failures in a row; reaching the configured limit pauses the subscription.</summary>
    public int Bounces { get; set; }

    /// <summary>The last day covered by a digest sent: alerts list what is new since.</summary>
    public DateOnly? LastDigestDay { get; set; }
}

namespace Paperboy.Digests;

public enum OutboxStatus
{
    /// <summary>Due, not sent yet (first try or a retry after a temporary failure).</summary>
    Pending,
    Sent,
    /// <summary>Nothing to tell for the period: no mail.</summary>
    Empty,
    /// <summary>The receiving server refused the address for good.</summary>
    Bounced,
    /// <summary>Temporary failures until the retries ran out.</summary>
    Failed,
    /// <summary>The subscription ended or paused before the digest went.</summary>
    Cancelled,
}

/// <summary>
/// One digest of one subscription for one period. The pair is unique, so the scheduler on any number of nodes
/// creates each digest once, and a sender claims a row for a few minutes before working on it, so two senders
/// never send the same one. A crash leaves the row pending (or its claim expiring) and it is sent after restart.
/// </summary>
public sealed class DigestOutboxEntry
{
    public long Id { get; set; }
    public long SubscriptionId { get; set; }

    /// <summary>The period's key ("daily:2026-11-26", "weekly:2026-W47").</summary>
    public required string Period { get; set; }

    public DateOnly FirstDay { get; set; }
    public DateOnly LastDay { get; set; }

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }

    /// <summary>When the next try may start (now for a new row; later after a temporary failure).</summary>
    public DateTime NextAttemptAt { get; set; }

    /// <summary>A sender working on the row holds it until then; past it, another may take it over.</summary>
    public DateTime? ClaimedUntil { get; set; }
    public string? ClaimedBy { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }
}

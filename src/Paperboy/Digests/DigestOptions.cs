namespace Paperboy.Digests;

/// <summary>Section <c>Paperboy:Digests</c>.</summary>
public sealed class DigestOptions
{
    public const string Section = "Paperboy:Digests";

    /// <summary>Whether this server schedules and sends digests by itself (any number of nodes may: none sends one twice).</summary>
    public bool Send { get; set; } = true;

    /// <summary>How often the server looks for digests that became due and sends them.</summary>
    public int CheckSeconds { get; set; } = 60;

    /// <summary>Tries of one digest before it is given up as failed (temporary errors only; a bounce stops at once).</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Wait before the first retry; each later one waits twice as long, up to <see cref="MaxRetryMinutes"/>.</summary>
    public int FirstRetrySeconds { get; set; } = 60;

    public int MaxRetryMinutes { get; set; } = 360;

    /// <summary>Bounces in a row that pause a subscription.</summary>
    public int BounceLimit { get; set; } = 3;

    /// <summary>
    /// How long a sender holds the digests it took: another node or a restarted server takes them over after it.
    /// Longer than a batch takes to send, short enough that a crash delays little.
    /// </summary>
    public int ClaimSeconds { get; set; } = 300;

    /// <summary>Digests sent at once by one server (the SMTP sender's connections bound it too).</summary>
    public int Parallelism { get; set; } = 4;
}

namespace Paperboy.Operations.Leases;

/// <summary>
/// Which node runs a scheduled job (<c>job_leases</c>): a node runs the job only while it holds the row, and holds it
/// until <see cref="ExpiresAt"/> unless it renews. One row per job, shared by every node on the database.
/// </summary>
public sealed class JobLease
{
    public const int MaxJob = 64;
    public const int MaxHolder = 200;

    public string Job { get; set; } = "";

    /// <summary>The node (see <see cref="JobLeases.Node"/>) that took or last renewed the lease.</summary>
    public string Holder { get; set; } = "";

    public DateTime ExpiresAt { get; set; }

    /// <summary>When the current holder took it over from another node (or first took it).</summary>
    public DateTime AcquiredAt { get; set; }

    /// <summary>How many times the lease was taken or renewed in the database.</summary>
    public long Grants { get; set; }
}

namespace Paperboy.Import.OaiPmh;

/// <summary>
/// Section <c>Paperboy:Harvest</c>: the server harvests OAI-PMH by itself every <see cref="EveryMinutes"/>, the
/// records changed in the last <see cref="Days"/> days, so a site stays current without a cron job.
/// </summary>
public sealed class ScheduledHarvestOptions
{
    public const string Section = "Paperboy:Harvest";

    /// <summary>Minutes between two harvests (fractions allowed); 0, the default, leaves harvesting to <c>paperboy harvest</c>.</summary>
    public double EveryMinutes { get; set; }

    public string Url { get; set; } = HarvestOptions.ArxivEndpoint;
    public string Prefix { get; set; } = "arXiv";

    /// <summary>Only this set (e.g. <c>cs</c>); all of arXiv when empty.</summary>
    public string? Set { get; set; }

    /// <summary>
    /// How far back each harvest asks for changes. More than one day: arXiv's datestamps trail its announcements,
    /// and a missed run (a restart, an outage) is made up by the next one.
    /// </summary>
    public int Days { get; set; } = 3;

    public double DelaySeconds { get; set; } = 3;

    public bool Enabled => EveryMinutes > 0;

    /// <summary>The harvest one run makes on <paramref name="today"/>: from <see cref="Days"/> before it, open-ended.</summary>
    public HarvestOptions For(DateOnly today) => new()
    {
        BaseUrl = Url, Prefix = Prefix, Set = string.IsNullOrWhiteSpace(Set) ? null : Set,
        From = today.AddDays(-Days).ToString("yyyy-MM-dd"), PageDelay = TimeSpan.FromSeconds(DelaySeconds),
    };
}

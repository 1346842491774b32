namespace Paperboy.Import;

/// <summary>
/// Where an OAI-PMH harvest stands: the resumption token of the next page to fetch. Written in the same
/// transaction as the page's records, so a killed harvest resumes exactly after the last committed page.
/// </summary>
public sealed class HarvestCheckpoint
{
    /// <summary>Base URL, prefix, set and date range of the harvest, so different harvests do not share a token.</summary>
    public required string Key { get; set; }
    public string? ResumptionToken { get; set; }
    public int PagesDone { get; set; }
    public long RecordsDone { get; set; }
    public bool Completed { get; set; }
    public DateTime UpdatedAt { get; set; }
}

namespace Paperboy.Recommendations;

/// <summary>A paper picked for a member, its score and why.</summary>
public sealed record Pick(long PaperId, double Score, Reason Reason);

namespace Paperboy.Recommendations;

/// <summary>Which papers picks are chosen from: those on the feed between two days, or every paper in the library.</summary>
public sealed record PickScope(DateOnly? From, DateOnly? To)
{
    public static PickScope Everything { get; } = new(null, null);

    public static PickScope Days(DateOnly from, DateOnly to) => new(from, to);

    public bool IsEverything => From is null;
}

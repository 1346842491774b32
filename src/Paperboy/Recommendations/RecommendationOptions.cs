namespace Paperboy.Recommendations;

/// <summary>Section <c>Paperboy:Recommendations</c>.</summary>
public sealed class RecommendationOptions
{
    public const string Section = "Paperboy:Recommendations";

    /// <summary>Papers drawn at random as "the rest" a member's taste is learnt against. More is steadier and slower to train.</summary>
    public int BackgroundPapers { get; set; } = 2_000;

    /// <summary>Minutes a trained model is kept after its last use; any new signal trains a new one at once.</summary>
    public double KeepMinutes { get; set; } = 30;
}

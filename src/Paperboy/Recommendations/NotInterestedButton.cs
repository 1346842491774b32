namespace Paperboy.Recommendations;

/// <summary>What the "Not interested" button of a card or a paper page draws: the paper, and whether it is marked now.</summary>
public sealed record NotInterestedButton(string ArxivId, bool Marked)
{
    public const string Partial = "/Recommendations/_NotInterestedButton.cshtml";
}

namespace Paperboy.Import.OaiPmh;

/// <summary>A harvest that cannot go on. The message is one line a user can act on; pages committed before stay.</summary>
public sealed class HarvestException(string message, string? oaiCode = null) : Exception(message)
{
    /// <summary>The OAI-PMH error code when the server answered with one (<c>badArgument</c>, ...).</summary>
    public string? OaiCode { get; } = oaiCode;
}

using System.CommandLine;

namespace Paperboy.Cli;

/// <summary><c>paperboy harvest --url URL [--prefix arXiv] [--from DATE] [--until DATE] [--set SET]</c></summary>
public static class HarvestCommand
{
    public static Command Create() => new("harvest", "Harvest arXiv over OAI-PMH");
}

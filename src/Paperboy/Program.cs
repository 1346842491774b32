using System.CommandLine;
using Paperboy.Cli;

// Paperboy is one program: the web site and every administrative verb.
var root = new RootCommand("Paperboy: a self-hosted daily papers feed")
{
    CliOptions.Data,
    CliOptions.Database,
    ServeCommand.Create(),
    ImportCommand.Create(),
    HarvestCommand.Create(),
    StatsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

public partial class Program;

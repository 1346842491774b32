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
    UserCommand.Create(),
    TrendingCommand.Create(),
    IndexCommand.Create(),
    SearchCommand.Create(),
    EvalCommand.Create(),
    DigestCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A bad command line is a usage error (exit 2), distinct from an import that rejected records (exit 1).
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Run 'paperboy --help' for usage.");
    return ExitCodes.Usage;
}
return await parsed.InvokeAsync();

public partial class Program;

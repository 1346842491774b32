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
    BackupCommand.Create(),
    RestoreCommand.Create(),
};
var parsed = root.Parse(args);
if (parsed.Errors.Count > 0)
{
    // A bad command line is a usage error (exit 2), distinct from an import that rejected records (exit 1).
    foreach (var error in parsed.Errors) Console.Error.WriteLine(error.Message);
    Console.Error.WriteLine("Run 'paperboy --help' for usage.");
    return ExitCodes.Usage;
}
// System.CommandLine ends the process 2 seconds after SIGINT or SIGTERM. serve leaves both signals to the web host,
// which lets requests in flight finish and the workers stop, for up to Paperboy:ShutdownSeconds.
var serving = parsed.CommandResult.Command.Name == "serve";
return await parsed.InvokeAsync(new InvocationConfiguration { ProcessTerminationTimeout = serving ? null : TimeSpan.FromSeconds(2) });

public partial class Program;

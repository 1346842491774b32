using System.CommandLine;
using Paperboy.Data;

namespace Paperboy.Cli;

/// <summary>Options every verb takes, and how they become the data folder and database settings.</summary>
public static class CliOptions
{
    public static readonly Option<string> Data = new("--data")
    {
        Description = "Folder for the SQLite database and every derived index",
        DefaultValueFactory = _ => "./data",
        Recursive = true,
    };

    public static readonly Option<string?> Database = new("--database")
    {
        Description = "PostgreSQL connection string (or set Paperboy__Database__ConnectionString); default: SQLite in --data",
        Recursive = true,
    };

    public static DataFolder DataFolder(ParseResult r) => new(Path.GetFullPath(r.GetValue(Data) ?? "./data"));

    public static DatabaseOptions DatabaseOptions(ParseResult r) => new()
    {
        ConnectionString = r.GetValue(Database) is { Length: > 0 } cs ? cs
            : Environment.GetEnvironmentVariable("Paperboy__Database__ConnectionString"),
    };
}

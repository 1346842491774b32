namespace Paperboy.Data;

/// <summary>Section <c>Paperboy:Database</c>.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Paperboy:Database";

    /// <summary>
    /// A PostgreSQL connection string (<c>Host=...;Database=...;Username=...</c>). Empty means SQLite in the
    /// data folder. Set it through <c>Paperboy__Database__ConnectionString</c> to keep it out of files.
    /// </summary>
    public string? ConnectionString { get; set; }

    public bool UsePostgres => !string.IsNullOrWhiteSpace(ConnectionString);
}

/// <summary>Where Paperboy keeps its SQLite file and every derived index (<c>--data</c>, default <c>./data</c>).</summary>
public sealed record DataFolder(string Path)
{
    public string SqliteFile => System.IO.Path.Combine(Path, "paperboy.db");
}

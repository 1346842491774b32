namespace Paperboy.Operations.Backups;

/// <summary>
/// A backup or restore that stopped, with the exit code that says how far it got: <c>2</c> nothing was done
/// (bad usage, a missing or foreign file, a database in use or not empty), <c>3</c> it failed part way.
/// </summary>
public sealed class BackupFailure(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}

/// <summary>What a backup wrote or a restore put in place.</summary>
public sealed record BackupSummary(string File, long Bytes, long Papers);

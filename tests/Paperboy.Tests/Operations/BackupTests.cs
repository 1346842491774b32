using System.Security.Cryptography;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Paperboy.Community.Votes;
using Paperboy.Import;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary><c>paperboy backup</c> and <c>paperboy restore</c>, run as an operator runs them, on both engines.</summary>
public partial class BackupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Backup_WhileWritesGoOn_RestoresIntoAFreshSiteEveryRowOfOneMoment(Engine engine)
    {
        BackupSite.RequireTools(engine);
        await using var source = await TestDatabase.CreateAsync(engine);
        await BackupSite.PopulateAsync(source, papers: 3000);
        var file = Path.Combine(source.Data.Path, "..", $"paperboy-backup-{Guid.NewGuid():N}");

        // A writer adds papers and votes on them while the backup runs, each vote and its count in one transaction.
        using var stop = new CancellationTokenSource();
        var writes = 0;
        var writer = Task.Run(async () =>
        {
            await using var db = source.CreateContext();
            var user = await db.Users.Select(u => u.Id).FirstAsync(Ct);
            var votes = new VoteService(db, TimeProvider.System);
            for (var i = 1; !stop.IsCancellationRequested; i++)
            {
                await new PaperWriter(db).WriteAsync([BackupSite.Paper($"2507.{i:00000}", $"Written during the backup {i}", new DateOnly(2025, 7, 1))], ct: Ct);
                var id = await db.Papers.Where(p => p.ArxivId == $"2507.{i:00000}").Select(p => p.Id).SingleAsync(Ct);
                await votes.SetAsync(user, id, true, Ct);
                Interlocked.Increment(ref writes);
            }
        }, Ct);
        while (Volatile.Read(ref writes) < 3) await Task.Delay(10, Ct);
        var (code, stdout, stderr) = await PaperboyProcess.RunAsync([.. source.CliArgs, "backup", "--out", file]);
        var during = Volatile.Read(ref writes);
        while (Volatile.Read(ref writes) < during + 3) await Task.Delay(10, Ct);
        await stop.CancelAsync();
        await writer;

        try
        {
            Assert.True(code == 0, stderr);
            var printed = long.Parse(PapersPrinted().Match(stdout).Groups[1].Value.Replace(",", ""));
            Assert.False(File.Exists(file + ".tmp"));

            await using var target = await TestDatabase.CreateAsync(engine);
            // A fresh site: an empty database, so no --force.
            BackupSite.ReleaseConnections();
            var restored = await PaperboyProcess.RunAsync([.. target.CliArgs, "restore", file]);
            Assert.True(restored.ExitCode == 0, restored.Stderr);
            var into = target;

            // The copy is the source as of one moment: every paper up to its last change number, none after it, and
            // every row of the site as it was then (the seeded ones never changed since).
            long last;
            await using (var db = into.CreateContext())
            {
                last = await db.Papers.MaxAsync(p => p.ChangeNumber, Ct);
                Assert.Equal(printed, await db.Papers.LongCountAsync(Ct));
                Assert.InRange(await db.Papers.LongCountAsync(p => p.ArxivId.StartsWith("2507."), Ct), 3, during + 3);
                // A vote and its count were written together, so no copy has one without the other.
                var counts = await db.DailyEntries.Select(e => new { e.LocalUpvotes, Votes = db.Votes.Count(v => v.PaperId == e.PaperId) }).ToListAsync(Ct);
                Assert.All(counts, c => Assert.Equal(c.Votes, c.LocalUpvotes));
            }
            var expected = await BackupSite.RowsAsync(source, upToChange: last);
            var actual = await BackupSite.RowsAsync(into);
            foreach (var table in new[] { "papers", "daily_entries", "users", "comments" })
                Assert.True(expected[table].SequenceEqual(actual[table]), $"{table} differs after the restore");
            Assert.Contains(actual["votes"], v => expected["votes"].Contains(v));
            Assert.Single(actual["comments"]);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Restore_ThenServe_SearchesThePapersOfTheBackupAndNoneThatCameAfter(Engine engine)
    {
        BackupSite.RequireTools(engine);
        await using var site = await TestDatabase.CreateAsync(engine);
        await using (var db = site.CreateContext())
            await new PaperWriter(db).WriteAsync([BackupSite.Paper("2506.00001", "Zeppelin aerodynamics"), BackupSite.Paper("2506.00002", "Marmot hibernation")], ct: Ct);
        var file = Path.Combine(site.Data.Path, "..", $"paperboy-backup-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, (await PaperboyProcess.RunAsync([.. site.CliArgs, "backup", "--out", file])).ExitCode);
            // After the backup: more papers, all indexed, so the index's mark is well past anything the backup numbered.
            await using (var db = site.CreateContext())
                await new PaperWriter(db).WriteAsync([BackupSite.Paper("2506.00003", "Quokka economics"),
                    .. Enumerable.Range(10, 20).Select(i => BackupSite.Paper($"2506.{i:00000}", $"Filler {i}"))], ct: Ct);
            Assert.Equal(0, (await PaperboyProcess.RunAsync([.. site.CliArgs, "index", "rebuild"])).ExitCode);

            BackupSite.ReleaseConnections();
            var restore = await PaperboyProcess.RunAsync([.. site.CliArgs, "restore", file, "--force"]);
            Assert.True(restore.ExitCode == 0, restore.Stderr);
            // A paper written after the restore is numbered below the old index's mark, and must be found all the same.
            await using (var db = site.CreateContext())
                await new PaperWriter(db).WriteAsync([BackupSite.Paper("2506.00004", "Yodelling acoustics")], ct: Ct);

            var (server, http) = await BackupSite.ServeAsync(site.CliArgs);
            using (server)
            using (http)
            {
                await UntilFoundAsync(http, "zeppelin", "2506.00001");
                await UntilFoundAsync(http, "yodelling", "2506.00004");
                Assert.Empty(await SearchAsync(http, "quokka"));
                Assert.Empty(await SearchAsync(http, "filler"));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory, MemberData(nameof(TestDatabase.Engines), MemberType = typeof(TestDatabase))]
    public async Task Restore_BadInput_ExitsTwoWithAMessage_AndChangesNothing(Engine engine)
    {
        BackupSite.RequireTools(engine);
        await using var site = await TestDatabase.CreateAsync(engine);
        await BackupSite.PopulateAsync(site, papers: 10);
        var file = Path.Combine(site.Data.Path, "..", $"paperboy-backup-{Guid.NewGuid():N}");
        var text = file + ".txt";
        var foreign = file + ".sqlite";
        var newer = file + ".newer";
        try
        {
            Assert.Equal(0, (await PaperboyProcess.RunAsync([.. site.CliArgs, "backup", "--out", file])).ExitCode);
            // A backup of a later Paperboy: its history names a migration this build does not have.
            await HistoryAsync(site, "INSERT INTO \"__EFMigrationsHistory\" (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_Future', '99.0.0')");
            Assert.Equal(0, (await PaperboyProcess.RunAsync([.. site.CliArgs, "backup", "--out", newer])).ExitCode);
            await HistoryAsync(site, "DELETE FROM \"__EFMigrationsHistory\" WHERE \"MigrationId\" = '29991231000000_Future'");
            await File.WriteAllTextAsync(text, "id,title\n2506.00001,Not a backup\n", Ct);
            await using (var other = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={foreign};Pooling=false"))
            {
                await other.OpenAsync(Ct);
                await using var cmd = other.CreateCommand();
                cmd.CommandText = "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('hello');";
                await cmd.ExecuteNonQueryAsync(Ct);
            }
            var before = await StateAsync(site);

            var cases = new List<(string[] Args, string Message)>
            {
                ([file + ".missing"], "no such file"),
                ([text], engine == Engine.Sqlite ? "not a SQLite database" : "not a pg_dump archive"),
                ([file], "add --force to replace it"),
                ([newer, "--force"], "made by a newer Paperboy (schema 29991231000000_Future)"),
            };
            if (engine == Engine.Sqlite) cases.Add(([foreign, "--force"], "not Paperboy's"));
            foreach (var (args, message) in cases)
            {
                BackupSite.ReleaseConnections();
                var (code, _, stderr) = await PaperboyProcess.RunAsync([.. site.CliArgs, "restore", .. args]);
                Assert.True(code == 2, $"restore {string.Join(' ', args)}: exit {code}, {stderr}");
                Assert.Contains(message, stderr);
                Assert.Equal(before, await StateAsync(site));
            }
        }
        finally
        {
            foreach (var f in new[] { file, text, foreign, newer }) File.Delete(f);
        }
    }

    private static async Task HistoryAsync(TestDatabase site, string sql)
    {
        await using var db = site.CreateContext();
        await db.Database.ExecuteSqlRawAsync(sql, Ct);
    }

    [Fact]
    public async Task Restore_WhileTheSiteRuns_RefusesWithExitTwo()
    {
        await using var site = await TestDatabase.CreateAsync(Engine.Sqlite);
        await BackupSite.PopulateAsync(site, papers: 10);
        var file = Path.Combine(site.Data.Path, "..", $"paperboy-backup-{Guid.NewGuid():N}");
        try
        {
            var (server, http) = await BackupSite.ServeAsync(site.CliArgs);
            using (server)
            using (http)
            {
                var backup = await PaperboyProcess.RunAsync([.. site.CliArgs, "backup", "--out", file]);
                Assert.True(backup.ExitCode == 0, backup.Stderr);
                Assert.Contains("10 papers", backup.Stdout);
                var (code, _, stderr) = await PaperboyProcess.RunAsync([.. site.CliArgs, "restore", file, "--force"]);
                Assert.Equal(2, code);
                Assert.Contains("in use", stderr);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>What a failed restore must leave alone: the SQLite file's bytes, or the PostgreSQL rows.</summary>
    private static async Task<string> StateAsync(TestDatabase site)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (site.Engine == Engine.Sqlite)
            return Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(site.Data.SqliteFile, Ct)));
        var rows = await BackupSite.RowsAsync(site);
        return string.Join("\n", rows.SelectMany(t => t.Value.Prepend(t.Key)));
    }

    private static async Task<List<string>> SearchAsync(HttpClient http, string words)
    {
        var json = JsonNode.Parse(await http.GetStringAsync($"/api/papers/search?mode=keyword&q={words}", Ct))!.AsArray();
        return json.Select(e => (string)e!["paper"]!["id"]!).ToList();
    }

    private static async Task UntilFoundAsync(HttpClient http, string words, string id)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!(await SearchAsync(http, words)).Contains(id))
        {
            Assert.True(DateTime.UtcNow < deadline, $"'{words}' did not find {id} within 30 s");
            await Task.Delay(200, Ct);
        }
    }

    [GeneratedRegex(@"([\d,]+) papers")]
    private static partial Regex PapersPrinted();
}

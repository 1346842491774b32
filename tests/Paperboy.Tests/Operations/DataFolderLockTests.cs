using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>
/// A second server on a data folder another server is using stops at once with a clear message, and a rebuild of
/// the full-text index a server holds is refused rather than written beside it.
/// </summary>
public class DataFolderLockTests
{
    [Fact]
    public async Task Serve_OnAFolderAnotherServerUses_ExitsWithAMessage_AndStartsOnceThatServerIsKilled()
    {
        using var data = new TempFolder();
        var (first, http) = await BackupSite.ServeAsync(["--data", data.Path]);
        using (http)
        using (first)
        {
            var (code, _, stderr) = await PaperboyProcess.RunAsync(["--data", data.Path, "serve", "--urls", $"http://127.0.0.1:{BackupSite.FreePort()}"],
                TimeSpan.FromSeconds(60));
            Assert.Equal(2, code);
            Assert.Contains("another paperboy serve is running on this data folder", stderr);
            Assert.Contains(data.Path, stderr);
            // The first server is untouched and still answers.
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
            first.Kill(); // SIGKILL: the system releases the lock with the process
        }
        var (second, again) = await BackupSite.ServeAsync(["--data", data.Path]);
        using (again)
        using (second)
            Assert.Equal(System.Net.HttpStatusCode.OK, (await again.GetAsync("/healthz", TestContext.Current.CancellationToken)).StatusCode);
    }

    [Fact]
    public async Task IndexRebuild_WhileAServerHoldsTheIndex_IsRefused_AndRunsOnceTheServerIsGone()
    {
        using var data = new TempFolder();
        var (server, http) = await BackupSite.ServeAsync(["--data", data.Path]);
        using (http)
        using (server)
        {
            // The server opens its full-text index with the first search.
            Assert.Equal(System.Net.HttpStatusCode.OK, (await http.GetAsync("/search?q=graphs", TestContext.Current.CancellationToken)).StatusCode);
            var (code, _, stderr) = await PaperboyProcess.RunAsync(["--data", data.Path, "index", "rebuild"], TimeSpan.FromSeconds(60));
            Assert.Equal(3, code);
            Assert.Contains("the index is in use by another Paperboy process", stderr);
            server.Kill();
        }
        var (after, output, errors) = await PaperboyProcess.RunAsync(["--data", data.Path, "index", "rebuild"], TimeSpan.FromSeconds(60));
        Assert.True(after == 0, $"exit {after}: {output} {errors}");
    }
}

using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>A second server on a data folder another server is using stops at once with a clear message.</summary>
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
}

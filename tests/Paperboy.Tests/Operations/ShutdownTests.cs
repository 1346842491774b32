using System.Diagnostics;
using System.Net;
using System.Text;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Operations;

/// <summary>A service manager's stop (SIGTERM) lets the requests in flight finish, then the process exits 0.</summary>
public class ShutdownTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Sigterm_DuringASlowRequest_TheRequestCompletes_AndTheProcessExitsZeroPromptly()
    {
        await using var site = await TestDatabase.CreateAsync(Engine.Sqlite);
        var (server, http) = await BackupSite.ServeAsync(site.CliArgs, new Dictionary<string, string?> { ["Paperboy:ShutdownSeconds"] = "20" });
        using (server)
        using (http)
        {
            // A slow client: a sign-in form arrives in two parts, the second well after the SIGTERM, so the request is
            // in flight for longer than System.CommandLine's own two seconds of grace. The page reads the whole form
            // before it answers (it has no form token, so the answer is a 400).
            var body = new SlowBody("Form.Name=nobody&", "Form.Password=wrong", TimeSpan.FromSeconds(3.5));
            var request = http.PostAsync("/account/signin", body, Ct);
            await body.FirstPartSent.Task.WaitAsync(TimeSpan.FromSeconds(10), Ct);
            await Task.Delay(300, Ct);
            var stopped = Stopwatch.StartNew();
            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString()])) await kill.WaitForExitAsync(Ct);

            using var response = await request;
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.True(stopped.Elapsed > TimeSpan.FromSeconds(3), "the request should have been in flight after the SIGTERM");
            Assert.Equal(0, await server.WaitAsync(TimeSpan.FromSeconds(15)));
            Assert.True(stopped.Elapsed < TimeSpan.FromSeconds(12), $"exited {stopped.Elapsed} after SIGTERM");
        }
    }

    /// <summary>A request body sent in two parts with a pause between them.</summary>
    private sealed class SlowBody : HttpContent
    {
        private readonly string first, second;
        private readonly TimeSpan pause;

        public SlowBody(string first, string second, TimeSpan pause)
        {
            (this.first, this.second, this.pause) = (first, second, pause);
            Headers.ContentType = new("application/x-www-form-urlencoded");
        }

        public TaskCompletionSource FirstPartSent { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(first));
            await stream.FlushAsync();
            FirstPartSent.TrySetResult();
            await Task.Delay(pause);
            await stream.WriteAsync(Encoding.ASCII.GetBytes(second));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = first.Length + second.Length;
            return true;
        }
    }
}

using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

public partial class DemoModeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ServeDemo_ServesTheSamplePapersAsToday_AndDeletesItsDatabaseOnExit()
    {
        var port = FreePort();
        using var server = PaperboyProcess.Start("serve", "--demo", "--urls", $"http://127.0.0.1:{port}");
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await WaitUntilUpAsync(http, server);
        var folder = DemoFolder().Match(server.Stdout).Groups[1].Value;
        Assert.True(Directory.Exists(folder), $"demo folder '{folder}' should exist while serving:\n{server.Stdout}");

        var html = await http.GetStringAsync("/papers", Ct);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow,
            TimeZoneInfo.FindSystemTimeZoneById("America/New_York")).DateTime);
        Assert.Contains("Pervasive Label Errors in Test Sets Destabilize Machine Learning Benchmarks", html);
        Assert.Contains($"/papers/date/{today:yyyy-MM-dd}", html);
        var feed = JsonNode.Parse(await http.GetStringAsync("/api/daily_papers", Ct))!.AsArray();
        Assert.Equal(5, feed.Count);
        var paper = await http.GetStringAsync("/papers/2103.14749", Ct);
        Assert.Contains("Curtis G. Northcutt", paper);
        Assert.Contains("Sign in as 'demo' with the password 'demo-password'", server.Stdout);
        await SignInAsDemoAsync(port);

        // SIGTERM, as a service manager or Ctrl+C stops it: the throwaway database goes with the server.
        using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString()])) await kill.WaitForExitAsync(Ct);
        Assert.Equal(0, await server.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.False(Directory.Exists(folder), $"demo folder '{folder}' should be gone after exit");
    }

    /// <summary>The printed demo account signs in through the real form.</summary>
    private static async Task SignInAsDemoAsync(int port)
    {
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri($"http://127.0.0.1:{port}"),
        };
        var form = await browser.GetStringAsync("/account/signin", Ct);
        var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value);
        using var signedIn = await browser.PostAsync("/account/signin", new FormUrlEncodedContent(
            [new("Form.Name", "demo"), new("Form.Password", "demo-password"), new("__RequestVerificationToken", token)]), Ct);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Contains("/users/demo", await browser.GetStringAsync("/papers", Ct));
    }

    private static async Task WaitUntilUpAsync(HttpClient http, PaperboyProcess server)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, $"paperboy exited early:\n{server.Stdout}\n{server.Stderr}");
            try
            {
                using var response = await http.GetAsync("/healthz", Ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            await Task.Delay(200, Ct);
        }
        Assert.Fail($"paperboy did not answer within 60 s:\n{server.Stdout}\n{server.Stderr}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"sample papers in (\S+), deleted")]
    private static partial Regex DemoFolder();
}

using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Paperboy.Data;
using Paperboy.Web;

namespace Paperboy.Tests.Web;

public class ErrorPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A database that was never migrated makes every query fail: the nearest thing to a real outage.</summary>
    [Fact]
    public async Task ServerError_IsFriendly500_WithoutStackTrace_OnPagesAndApi()
    {
        var folder = Directory.CreateTempSubdirectory("paperboy-test-");
        try
        {
            await using var app = WebApp.Build([], new DataFolder(folder.FullName), new DatabaseOptions(), b => b.WebHost.UseTestServer());
            await app.StartAsync(Ct);
            using var client = app.GetTestClient();

            using var page = await client.GetAsync("/papers", Ct);
            var html = await page.Content.ReadAsStringAsync(Ct);
            using var api = await client.GetAsync("/api/daily_papers", Ct);
            var json = await api.Content.ReadAsStringAsync(Ct);

            Assert.Equal(HttpStatusCode.InternalServerError, page.StatusCode);
            Assert.Contains("Something went wrong", html);
            Assert.Equal(HttpStatusCode.InternalServerError, api.StatusCode);
            Assert.Equal("application/problem+json", api.Content.Headers.ContentType?.MediaType);
            foreach (var body in new[] { html, json })
            {
                Assert.DoesNotContain("Sqlite", body, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain(" at Paperboy.", body);
                Assert.DoesNotContain("no such table", body);
            }
            await app.StopAsync(Ct);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            folder.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(404, "Page not found")]
    [InlineData(500, "Something went wrong")]
    public async Task ErrorPage_AskedDirectly_HasItsStatus(int code, string title)
    {
        await using var site = await TestSite.StartAsync(Support.Engine.Sqlite);

        using var response = await site.GetAsync($"/error/{code}");

        Assert.Equal(code, (int)response.StatusCode);
        Assert.Contains(title, await response.Content.ReadAsStringAsync(Ct));
    }
}

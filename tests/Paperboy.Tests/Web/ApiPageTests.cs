using Paperboy.Tests.Support;

namespace Paperboy.Tests.Web;

public class ApiPageTests
{
    [Fact]
    public async Task ApiPage_LinkedFromEveryPage_ListsTheRoutesTheServerAnswers()
    {
        await using var site = await TestSite.StartAsync(Engine.Sqlite);

        var home = await site.GetStringAsync("/papers");
        var page = await site.GetStringAsync("/about/api");

        Assert.Contains("<a href=\"/about/api\">API</a>", home);
        Assert.Contains("<code>/api/daily_papers</code>", page);
        Assert.Contains("<code>/api/papers/{id}</code>", page);
        Assert.Contains("<code>/api/papers/search</code>", page);
        Assert.Contains("href=\"/openapi/v1.json\"", page);
        // Curl examples name this server, and every listed route really answers.
        Assert.Contains("curl 'http://localhost/api/daily_papers", page);
        foreach (var path in new[] { "/api/daily_papers", "/api/papers", "/api/papers/search?q=x" })
            using (var response = await site.GetAsync(path)) Assert.True(response.IsSuccessStatusCode, path);
    }
}

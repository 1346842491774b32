using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Paperboy.Tests.Support;

namespace Paperboy.Tests.Community.Submissions;

/// <summary>
/// A real HTTP server on 127.0.0.1 answering <c>?id_list=ID</c> with arXiv's own recorded responses from
/// shared/data/arxiv/atom: the ten-entry page for an id on it, the page with 2201.13452 for that id, the empty
/// feed for any other id. A test can make every answer a status code instead, or hang.
/// </summary>
public sealed partial class ArxivApiServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _page, _single, _empty;
    private readonly HashSet<string> _onPage;
    private readonly ConcurrentQueue<string> _asked = new();

    public string Url { get; private set; } = "";

    /// <summary>The id_list of every request, in order.</summary>
    public IReadOnlyList<string> Asked => _asked.ToArray();

    /// <summary>When set, every request gets this status and an empty body.</summary>
    public int? Status { get; set; }

    /// <summary>When set, requests hang until the client gives up.</summary>
    public bool Hang { get; set; }

    [GeneratedRegex(@"<id>http://arxiv\.org/abs/(?<id>.+?)(?:v\d+)?</id>")]
    private static partial Regex EntryId();

    private ArxivApiServer()
    {
        _page = SharedData.File("arxiv/atom/query.xml");
        _single = SharedData.File("arxiv/atom/query_missing_id.xml");
        _empty = SharedData.File("arxiv/atom/query_empty.xml");
        _onPage = EntryId().Matches(File.ReadAllText(_page)).Select(m => m.Groups["id"].Value).ToHashSet();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    public static async Task<ArxivApiServer> StartAsync()
    {
        var server = new ArxivApiServer();
        await server._app.StartAsync();
        server.Url = server._app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/api/query";
        return server;
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var id = ctx.Request.Query["id_list"].ToString();
        _asked.Enqueue(id);
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, ctx.RequestAborted).ContinueWith(_ => { });
            return;
        }
        if (Status is { } status)
        {
            ctx.Response.StatusCode = status;
            return;
        }
        ctx.Response.ContentType = "application/atom+xml; charset=utf-8";
        await ctx.Response.SendFileAsync(_onPage.Contains(id) ? _page : id == "2201.13452" ? _single : _empty, ctx.RequestAborted);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

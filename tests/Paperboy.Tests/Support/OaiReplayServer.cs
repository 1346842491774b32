using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Xml;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Paperboy.Tests.Support;

/// <summary>One request the server saw. <see cref="Page"/> is the page index it asked for (-1: none of them).</summary>
public sealed record OaiRequest(DateTimeOffset At, string Query, string? Verb, string? Prefix, string? ResumptionToken, int Page, string UserAgent);

/// <summary>
/// A real HTTP server on 127.0.0.1 replaying a recorded OAI-PMH harvest: the first ListRecords request gets page 0,
/// and each page after that is served for the resumption token that asked for it in the recording. Requests that
/// break the protocol get arXiv's own error answers. Tests can make a page fail, answer with an error file, or hang.
/// </summary>
public sealed class OaiReplayServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly List<(string File, string? Token)> _pages = [];
    private readonly string? _prefix;
    private readonly List<(int Status, string? RetryAfter, string ContentType, string Body)> _recording = [];
    private readonly ConcurrentQueue<OaiRequest> _log = new();
    private readonly ConcurrentDictionary<int, Fault> _faults = new();
    private readonly ConcurrentDictionary<int, string> _replacements = new();
    private readonly ConcurrentDictionary<int, (TaskCompletionSource Reached, TaskCompletionSource Release)> _pauses = new();
    private int _recordingNext;

    private sealed class Fault(int status, int times, string? retryAfter, string body)
    {
        public int Status => status;
        public string? RetryAfter => retryAfter;
        public string Body => body;
        public bool Take() => Interlocked.Decrement(ref times) >= 0;
    }

    public string Url { get; private set; } = "";
    public IReadOnlyList<OaiRequest> Requests => _log.ToArray();
    public string? TokenOf(int page) => _pages[page].Token;

    private OaiReplayServer(string? pagesFolder, string? recordingFile)
    {
        if (pagesFolder is not null)
        {
            var files = Directory.GetFiles(pagesFolder, "ListRecords_data_*.xml")
                .OrderBy(f => int.Parse(Path.GetFileNameWithoutExtension(f).Split('_')[^1]));
            foreach (var file in files)
            {
                var request = RecordedRequest(file);
                _pages.Add((file, request.GetValueOrDefault("resumptionToken")));
                if (_pages.Count == 1) _prefix = request.GetValueOrDefault("metadataPrefix");
            }
        }
        if (recordingFile is not null)
        {
            // paperhive/oai-pmh's recordings: [{ status, response, rawHeaders: [name, value, ...] }, ...]
            foreach (var e in JsonDocument.Parse(File.ReadAllText(recordingFile)).RootElement.EnumerateArray())
            {
                var raw = e.GetProperty("rawHeaders").EnumerateArray().Select(h => h.GetString()!).ToArray();
                var headers = raw.Chunk(2).ToDictionary(h => h[0], h => h[1], StringComparer.OrdinalIgnoreCase);
                _recording.Add((e.GetProperty("status").GetInt32(), headers.GetValueOrDefault("Retry-After"),
                    headers.GetValueOrDefault("Content-Type") ?? "text/xml", e.GetProperty("response").GetString()!));
            }
        }
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>Serves the <c>ListRecords_data_N.xml</c> pages of a recorded harvest folder.</summary>
    public static Task<OaiReplayServer> StartAsync(string pagesFolder) => new OaiReplayServer(pagesFolder, null).StartAsync();

    /// <summary>Answers request N with exchange N of a recorded HTTP conversation (the last one from then on).</summary>
    public static Task<OaiReplayServer> StartRecordingAsync(string recordingFile) => new OaiReplayServer(null, recordingFile).StartAsync();

    private async Task<OaiReplayServer> StartAsync()
    {
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Url = address.TrimEnd('/') + "/oai";
        return this;
    }

    /// <summary>The next <paramref name="times"/> requests for the page get this status instead.</summary>
    public void FailPage(int page, int status, int times = 1, string? retryAfter = null, string body = "") =>
        _faults[page] = new Fault(status, times, retryAfter, body);

    /// <summary>The page is answered with this file (an OAI-PMH error answer, say) with status 200.</summary>
    public void ReplacePage(int page, string file) => _replacements[page] = file;

    /// <summary>
    /// Requests for the page hang until <see cref="ClearFaults"/> or until the client goes away. The task completes
    /// when the first such request has arrived.
    /// </summary>
    public Task PauseBefore(int page) =>
        _pauses.GetOrAdd(page, _ => (new(TaskCreationOptions.RunContinuationsAsynchronously), new(TaskCreationOptions.RunContinuationsAsynchronously))).Reached.Task;

    public void ClearFaults()
    {
        _faults.Clear();
        _replacements.Clear();
        foreach (var (_, pause) in _pauses) pause.Release.TrySetResult();
        _pauses.Clear();
    }

    private async Task HandleAsync(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        string? Arg(string name) => q.TryGetValue(name, out var v) ? v.ToString() : null;
        var (verb, prefix, token) = (Arg("verb"), Arg("metadataPrefix"), Arg("resumptionToken"));
        var page = token is null ? 0 : _pages.FindIndex(p => p.Token == token);
        _log.Enqueue(new OaiRequest(DateTimeOffset.UtcNow, ctx.Request.QueryString.Value ?? "", verb, prefix, token, page, ctx.Request.Headers.UserAgent.ToString()));

        if (_recording.Count > 0)
        {
            var (status, retryAfter, contentType, body) = _recording[Math.Min(Interlocked.Increment(ref _recordingNext) - 1, _recording.Count - 1)];
            await RespondAsync(ctx, status, retryAfter, contentType, body);
            return;
        }
        if (verb != "ListRecords") { await SendFileAsync(ctx, ErrorFile("ErrorResponseBadVerb.xml")); return; }
        // A resumption token is an exclusive argument; arXiv refuses anything beside it.
        if (token is not null && q.Count > 2) { await SendFileAsync(ctx, ErrorFile("ErrorResponseBadArgument.xml")); return; }
        if (page < 0) { await SendFileAsync(ctx, ErrorFile("ErrorResponseBadResumptionToken.xml")); return; }
        if (token is null && prefix != _prefix)
        {
            await RespondAsync(ctx, 200, null, "text/xml",
                $"""<?xml version="1.0" encoding="UTF-8"?><OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/"><responseDate>2023-03-07T18:54:05Z</responseDate><request>http://export.arxiv.org/oai2</request><error code="cannotDisseminateFormat">Cannot disseminate format '{prefix}'; this replay has {_prefix}</error></OAI-PMH>""");
            return;
        }
        if (_pauses.TryGetValue(page, out var pause))
        {
            pause.Reached.TrySetResult();
            await Task.WhenAny(pause.Release.Task, Task.Delay(Timeout.Infinite, ctx.RequestAborted));
            if (ctx.RequestAborted.IsCancellationRequested) return;
        }
        if (_faults.TryGetValue(page, out var fault) && fault.Take())
        {
            await RespondAsync(ctx, fault.Status, fault.RetryAfter, "text/html", fault.Body);
            return;
        }
        await SendFileAsync(ctx, _replacements.GetValueOrDefault(page) ?? _pages[page].File);
    }

    private static async Task RespondAsync(HttpContext ctx, int status, string? retryAfter, string contentType, string body)
    {
        ctx.Response.StatusCode = status;
        ctx.Response.ContentType = contentType;
        if (retryAfter is not null) ctx.Response.Headers.RetryAfter = retryAfter;
        await ctx.Response.WriteAsync(body, ctx.RequestAborted);
    }

    private static Task SendFileAsync(HttpContext ctx, string file)
    {
        ctx.Response.ContentType = "text/xml; charset=UTF-8";
        return ctx.Response.SendFileAsync(file, ctx.RequestAborted);
    }

    private static string ErrorFile(string name) => SharedData.File(Path.Combine("arxiv", "oai-pmh", "errors", name));

    /// <summary>The attributes of a recorded page's <c>&lt;request&gt;</c> element: what was asked to get it.</summary>
    private static Dictionary<string, string> RecordedRequest(string file)
    {
        using var reader = XmlReader.Create(file);
        reader.ReadToFollowing("request", "http://www.openarchives.org/OAI/2.0/");
        var attributes = new Dictionary<string, string>();
        while (reader.MoveToNextAttribute()) attributes[reader.Name] = reader.Value;
        return attributes;
    }

    public async ValueTask DisposeAsync()
    {
        ClearFaults();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

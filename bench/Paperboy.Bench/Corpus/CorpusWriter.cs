using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Compression;
using System.Threading.Channels;

namespace Paperboy.Bench.Corpus;

public sealed record CorpusOptions
{
    public required long Papers { get; init; }
    public ulong Seed { get; init; } = 1;
    /// <summary>About this many papers a day go on the daily feed (Hugging Face features 15-40 a day).</summary>
    public int DailyPerDay { get; init; } = 25;
}

public sealed record CorpusSummary(long Papers, int Days, long DailyEntries, DateOnly FirstDay, DateOnly LastDay, TimeSpan Elapsed);

/// <summary>
/// Writes a corpus as JSON lines, one paper a line in listing order, in the format of the real listings plus the
/// daily-feed fields <c>upvotes</c> and <c>submittedBy</c>. Streams one day at a time: memory does not grow
/// with the corpus.
/// </summary>
public sealed class CorpusWriter(CorpusModel model)
{
    private const int WrapColumn = 80;
    // Hugging Face's upvotes are heavy-tailed: the morning a paper is featured, a median of 6, 90% below 30,
    // one in a thousand above 160. A log-normal with these parameters has that shape.
    private const double UpvoteMu = 1.8;
    private const double UpvoteSigma = 1.1;

    /// <summary>Writes to a file; gzip when the name ends in <c>.gz</c>; <c>-</c> is standard output.</summary>
    public async Task<CorpusSummary> WriteAsync(string path, CorpusOptions options, CancellationToken ct = default)
    {
        if (path == "-")
        {
            await using var stdout = Console.OpenStandardOutput();
            return await WriteAsync(stdout, options, ct);
        }
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        await using var file = new FileStream(full, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        if (!path.EndsWith(".gz", StringComparison.OrdinalIgnoreCase)) return await WriteAsync(file, options, ct);
        await using var gzip = new GZipStream(file, CompressionLevel.Fastest);
        return await WriteAsync(gzip, options, ct);
    }

    public async Task<CorpusSummary> WriteAsync(Stream output, CorpusOptions options, CancellationToken ct = default)
    {
        var clock = Stopwatch.StartNew();
        var plan = CorpusPlan.Create(options.Papers, options.Seed);
        var submitters = new Submitters(model, options.Seed);
        var ids = new IdAllocator(plan, model.TakenIds, options.Seed);

        // Days are generated in parallel (each has its own random stream, so the result does not depend on
        // scheduling) and written in order. The queue of days in flight is bounded: memory stays a few days' text.
        var inFlight = Channel.CreateBounded<Task<(ByteBuffer, int)>>(new BoundedChannelOptions(2 * Environment.ProcessorCount + 2)
        {
            SingleReader = true, SingleWriter = true,
        });
        var buffers = new ConcurrentBag<ByteBuffer>();
        var dispatcher = Task.Run(async () =>
        {
            try
            {
                for (var d = 0; d < plan.Days.Count; d++)
                {
                    var (day, papers, rng) = (plan.Days[d], plan.Papers[d], Rng.For(options.Seed, (ulong)d));
                    var dayIds = ids.Take(day, papers);
                    await inFlight.Writer.WriteAsync(Task.Run(() =>
                    {
                        var buffer = buffers.TryTake(out var b) ? b : new ByteBuffer(1 << 20);
                        buffer.Clear();
                        return (buffer, WriteDay(buffer, day, dayIds, rng, submitters, options.DailyPerDay));
                    }, ct), ct);
                }
                inFlight.Writer.Complete();
            }
            catch (Exception e)
            {
                inFlight.Writer.Complete(e);
            }
        }, ct);

        long daily = 0;
        await foreach (var day in inFlight.Reader.ReadAllAsync(ct))
        {
            var (buffer, featured) = await day;
            await output.WriteAsync(buffer.Written, ct);
            daily += featured;
            buffers.Add(buffer);
        }
        await dispatcher;
        await output.FlushAsync(ct);
        return new CorpusSummary(options.Papers, plan.Days.Count, daily, plan.Days[0], plan.Days[^1], clock.Elapsed);
    }

    /// <summary>Writes one listing day; returns how many of its papers went on the daily feed.</summary>
    private int WriteDay(ByteBuffer o, DateOnly day, (int Yymm, int Number)[] ids, Rng rng, Submitters submitters, int dailyPerDay)
    {
        var papers = ids.Length;
        var featured = ChooseFeatured(papers, dailyPerDay, rng);
        for (var i = 0; i < papers; i++)
        {
            o.Write("{\"id\":\""u8);
            var (yymm, number) = ids[i];
            o.Write(yymm, 4);
            o.Write((byte)'.');
            o.Write(number, 5);
            o.Write("\",\"title\":\""u8);
            model.Titles.Write(o, rng);
            o.Write("\",\"authors\":["u8);
            var authors = model.AuthorCounts.Sample(rng);
            for (var a = 0; a < authors; a++)
            {
                o.Write(a == 0 ? "\""u8 : ",\""u8);
                var given = model.GivenNames.Sample(rng).Json;
                if (given.Chars > 0) { o.Write(given.Utf8); o.Write((byte)' '); }
                o.Write(model.FamilyNames.Sample(rng).Json.Utf8);
                o.Write((byte)'"');
            }
            o.Write("],\"categories\":"u8);
            o.Write(model.CategoryLists.Sample(rng));
            if (rng.NextDouble() < model.CommentRate)
            {
                o.Write(",\"comment\":\""u8);
                model.Comments.Write(o, rng);
                o.Write("\""u8);
            }
            else o.Write(",\"comment\":null"u8);
            o.Write(",\"abstract\":\""u8);
            model.Abstracts.Write(o, rng, rng.NextDouble() < model.WrapRate ? WrapColumn : 0);
            o.Write("\",\"listed\":\""u8);
            o.Write(day);
            o.Write((byte)'"');
            if (featured is not null && featured[i])
            {
                o.Write(",\"upvotes\":"u8);
                o.Write((long)Math.Floor(Math.Exp(UpvoteMu + UpvoteSigma * rng.NextGaussian())));
                o.Write(",\"submittedBy\":\""u8);
                o.Write(submitters.Sample(rng).Utf8);
                o.Write((byte)'"');
            }
            o.Write("}\n"u8);
        }
        return featured?.Count(f => f) ?? 0;
    }

    /// <summary>About <paramref name="perDay"/> (±40%) of the day's papers, chosen uniformly; null for none.</summary>
    private static bool[]? ChooseFeatured(int papers, int perDay, Rng rng)
    {
        if (perDay <= 0) return null;
        var k = Math.Min(papers, rng.Next((int)Math.Ceiling(perDay * 0.6), (int)Math.Floor(perDay * 1.4) + 1));
        var featured = new bool[papers];
        // Floyd's algorithm: k distinct indices in k draws.
        for (var j = papers - k; j < papers; j++)
        {
            var t = rng.Next(j + 1);
            featured[featured[t] ? j : t] = true;
        }
        return featured;
    }
}

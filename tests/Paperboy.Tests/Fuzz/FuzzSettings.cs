using System.Globalization;

namespace Paperboy.Tests.Fuzz;

/// <summary>
/// How long each fuzz property runs. The suite default keeps the whole Fuzz folder within about a minute on two
/// cores; <c>PAPERBOY_FUZZ_SECONDS=300</c> runs each property for five minutes. CsCheck draws fresh random inputs
/// on every run, so a long run explores further than the suite does; a failure prints its seed, and
/// <c>PAPERBOY_FUZZ_SEED=...</c> replays exactly that input (alone, unless PAPERBOY_FUZZ_SECONDS is set too).
/// </summary>
public static class FuzzSettings
{
    public static string? Seed => Environment.GetEnvironmentVariable("PAPERBOY_FUZZ_SEED") is { Length: > 0 } s ? s : null;

    private static int? Seconds =>
        int.TryParse(Environment.GetEnvironmentVariable("PAPERBOY_FUZZ_SECONDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0
            ? s : null;

    /// <summary>CsCheck's <c>time</c>: the property's share of the suite's budget unless told otherwise; -1 with a seed alone.</summary>
    public static int Time(int suiteDefault) => Seconds ?? (Seed is null ? suiteDefault : -1);

    /// <summary>CsCheck's <c>iter</c>: ignored while a time runs; one iteration to replay a seed.</summary>
    public static long Iterations => Seconds is null && Seed is not null ? 1 : -1;
}

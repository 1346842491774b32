using System.CommandLine;
using Paperboy.Bench.Corpus;

// Benchmark tools; the benchmarks themselves are the scripts beside this project (bench/*.sh).
var root = new RootCommand("Paperboy benchmark tools")
{
    CorpusCommand.Create(),
    Paperboy.Bench.Community.CommunityCommand.Create(),
    Paperboy.Bench.Search.SearchCommand.Create(),
    Paperboy.Bench.Embeddings.EmbedCommand.Create(),
    Paperboy.Bench.Mail.SmtpCommand.Create(),
    Paperboy.Bench.Digests.DigestCommand.Create(),
    Paperboy.Bench.Recommendations.RecommendBench.Create(),
    Paperboy.Bench.Load.LoadCommand.Create(),
};
return await root.Parse(args).InvokeAsync();

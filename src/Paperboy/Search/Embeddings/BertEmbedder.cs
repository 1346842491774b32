using System.Numerics.Tensors;
using FastBertTokenizer;
using Microsoft.ML.OnnxRuntime;
using SessionOptions = Microsoft.ML.OnnxRuntime.SessionOptions;

namespace Paperboy.Search.Embeddings;

/// <summary>
/// Embeds text with a <see cref="BertModel"/> on ONNX Runtime: WordPiece tokens, one run per batch of
/// similar-length texts, pooling and normalisation here.
/// </summary>
/// <remarks>
/// <para>Why not the packages' own <c>SentenceEncoder</c>: it pads every text of a call to the longest one,
/// and its tokenizer splits only on spaces, so a line break inside an abstract ("driving\nsystems") and
/// every accented letter become [UNK]. FastBertTokenizer follows BERT's basic tokenizer (whitespace,
/// punctuation, lower case; accents are stripped by <see cref="AccentFolding"/>) and is about ten times faster.</para>
/// <para>Speed comes from sorting texts by length, so a batch pads little, and from the model's own window
/// (256 word pieces for MiniLM, which was trained on 128, rather than the package's 512). The rest is
/// arithmetic: the six-layer transformer costs about 21 MFLOP per word piece and a title with its abstract
/// has about 280, so two cores at fp32 embed 15-20 abstracts a second. Int8 weights were measured and left
/// out: ONNX Runtime quantises activations per batch, which made a paper's vector depend on its batch
/// neighbours (cosine 0.98), and run one at a time they were only a tenth faster. See bench/results.</para>
/// <para>Thread-safe: ONNX Runtime sessions accept concurrent runs, and the tokenizer is read-only.</para>
/// </remarks>
public sealed class BertEmbedder : ITextEmbedder, IDisposable
{
    // Small batches were as fast as large ones or up to a tenth faster (4 against 16): at 4 texts of 512 word
    // pieces the widest intermediate (the 1,536-wide feed-forward layer, 12 MB) stays in a 32 MB L3 cache, and
    // sorting by length already keeps padding low. Vectors do not depend on the batch (cosine >= 0.99999, tested).
    private const int BatchSize = 4;
    private static readonly string[] InputNames = ["input_ids", "attention_mask", "token_type_ids"];

    private readonly BertModel _model;
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer = new();
    private readonly string[] _outputNames;

    /// <param name="model">The model and its settings.</param>
    /// <param name="threads">Threads per run; defaults to the machine's cores. A worker embedding in the
    /// background of a busy site may leave one core to the requests.</param>
    public BertEmbedder(BertModel model, int? threads = null)
    {
        _model = model;
        using var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = threads ?? Environment.ProcessorCount,
            InterOpNumThreads = 1,
        };
        // Worker threads would otherwise spin between runs, taking a core from the web server for nothing.
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        _session = new InferenceSession(model.ReadOnnx(), options);
        _outputNames = [_session.OutputNames[0]];
        using var vocabulary = new StreamReader(model.Open("vocab.txt"));
        _tokenizer.LoadVocabulary(vocabulary, convertInputToLowercase: true);
    }

    public string Name => _model.Name;
    public int Dimensions => BertModel.Dimensions;

    public float[][] EmbedDocuments(IReadOnlyList<(string Title, string Text)> documents) =>
        Embed(documents.Select(d => DocumentText(d.Title, d.Text)).ToList());

    public float[] EmbedQuery(string query) => Embed([_model.QueryPrefix + query])[0];

    /// <summary>Title and abstract as one passage, the way BEIR and the models' authors join them.</summary>
    internal static string DocumentText(string title, string text) =>
        string.IsNullOrWhiteSpace(title) ? text : string.IsNullOrWhiteSpace(text) ? title : title + " " + text;

    /// <summary>Embeds texts as they are (no prefix); one normalised vector per text, in order.</summary>
    internal float[][] Embed(IReadOnlyList<string> texts)
    {
        var tokens = new long[texts.Count][];
        var buffer = new long[_model.MaxTokens];
        var mask = new long[_model.MaxTokens];
        for (var i = 0; i < texts.Count; i++)
        {
            var length = _tokenizer.Encode(AccentFolding.Fold(texts[i]), buffer, mask);
            tokens[i] = buffer[..length];
        }
        // Sorting by length makes each batch nearly rectangular: padding is computed like real tokens.
        var order = Enumerable.Range(0, texts.Count).OrderBy(i => tokens[i].Length).ToArray();
        var vectors = new float[texts.Count][];
        for (var start = 0; start < order.Length; start += BatchSize)
        {
            var batch = order.AsSpan(start, Math.Min(BatchSize, order.Length - start));
            Run(batch, tokens, vectors);
        }
        return vectors;
    }

    private void Run(ReadOnlySpan<int> batch, long[][] tokens, float[][] vectors)
    {
        var rows = batch.Length;
        var columns = 0;
        foreach (var i in batch) columns = Math.Max(columns, tokens[i].Length);
        var ids = new long[rows * columns];
        var mask = new long[rows * columns];
        var types = new long[rows * columns];
        for (var r = 0; r < rows; r++)
        {
            var t = tokens[batch[r]];
            t.CopyTo(ids.AsSpan(r * columns));
            mask.AsSpan(r * columns, t.Length).Fill(1);
        }
        long[] shape = [rows, columns];
        using var idsValue = OrtValue.CreateTensorValueFromMemory(ids, shape);
        using var maskValue = OrtValue.CreateTensorValueFromMemory(mask, shape);
        using var typesValue = OrtValue.CreateTensorValueFromMemory(types, shape);
        using var runOptions = new RunOptions();
        using var outputs = _session.Run(runOptions, InputNames, [idsValue, maskValue, typesValue], _outputNames);
        var hidden = outputs[0].GetTensorDataAsSpan<float>(); // [rows, columns, 384]
        const int d = BertModel.Dimensions;
        for (var r = 0; r < rows; r++)
        {
            var vector = new float[d];
            var row = hidden.Slice(r * columns * d, columns * d);
            if (_model.Pooling == BertPooling.Cls) row[..d].CopyTo(vector);
            else
                for (var c = 0; c < tokens[batch[r]].Length; c++) TensorPrimitives.Add(vector, row.Slice(c * d, d), vector);
            // The mean's division is skipped: normalising removes any common factor.
            TensorPrimitives.Divide(vector, MathF.Max(TensorPrimitives.Norm(vector), 1e-12f), vector);
            vectors[batch[r]] = vector;
        }
    }

    public void Dispose() => _session.Dispose();
}

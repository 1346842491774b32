using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace Paperboy.Bench.Corpus;

/// <summary>Which last word makes a text look finished: an abstract ends a sentence, a title does not end on a comma.</summary>
public enum TextEnd { Anything, Sentence, Title }

/// <summary>
/// A word-bigram model of one kind of text (titles, abstracts, comments): how many words, which word starts, and
/// which word follows which, with the frequencies seen in real text.
/// <para>
/// Word pairs seen only once are not kept as pairs. Their share of each word's successors becomes that word's
/// chance to escape to the "rare follower" distribution (every word weighted by how many once-seen pairs it
/// ends). This keeps each word's overall frequency, including the long tail of rare words, while the pair table
/// shrinks about fourfold and fits the processor's cache; and it stops the chain from reproducing runs of a
/// real abstract, which only once-seen pairs could do.
/// </para>
/// </summary>
public sealed class TextModel
{
    // Bigger overruns would make texts longer than the length distribution says.
    private const int MaxOverrun = 40;
    private const int EscapeScale = 1 << 16;

    /// <summary>What the generator needs of a word, stored right before the word's escaped bytes.</summary>
    [StructLayout(LayoutKind.Sequential, Pack = 4)]
    internal readonly record struct WordHeader(int Row, int Successors, int Escape, int Bytes, short Chars, bool GoodEnd);

    private static readonly int HeaderSize = Unsafe.SizeOf<WordHeader>();

    // Every word is a header followed by its bytes, and every draw (successor, start, rare follower) yields the
    // offset of a word in this blob: a step touches the successor slot and the word, two cache lines.
    private readonly byte[] _words;
    private readonly int _vocabulary;
    private readonly AliasSlot[] _successors;
    private readonly AliasTable _rare;
    private readonly Distribution<int> _starts;
    private readonly Distribution<int> _lengths;

    private TextModel(byte[] words, int vocabulary, AliasSlot[] successors, AliasTable rare, Distribution<int> starts, Distribution<int> lengths)
    {
        (_words, _vocabulary, _successors, _rare, _starts, _lengths) = (words, vocabulary, successors, rare, starts, lengths);
    }

    public int Vocabulary => _vocabulary;

    /// <summary>Word pairs kept (seen at least twice).</summary>
    public int Bigrams => _successors.Length;

    /// <summary>
    /// Writes one text. With <paramref name="wrapColumn"/> above zero, lines are broken before that column the way
    /// arXiv hard-wraps abstracts (a newline instead of the space).
    /// </summary>
    public void Write(ByteBuffer o, Rng rng, int wrapColumn = 0)
    {
        var target = _lengths.Sample(rng);
        var w = _starts.Sample(rng);
        var column = 0;
        // The text ends at the good ending nearest to the target length, before or after it, so lengths keep
        // their real distribution: always running on to the next one would make every text half a sentence
        // longer. The last good ending seen so far is kept to cut back to.
        var lastEndWords = -1;
        var lastEndBytes = 0;
        for (var i = 0; ; i++)
        {
            var word = Unsafe.As<byte, WordHeader>(ref _words[w]);
            if (i > 0)
            {
                if (wrapColumn > 0 && column + 1 + word.Chars > wrapColumn) { o.Write("\\n"u8); column = 0; }
                else { o.Write((byte)' '); column++; }
            }
            o.Write(_words.AsSpan(w + HeaderSize, word.Bytes));
            column += word.Chars;
            var words = i + 1;
            if (words >= target)
            {
                if (word.GoodEnd || words >= target + MaxOverrun) return;
                if (lastEndWords > 0 && words - target >= target - lastEndWords)
                {
                    o.Truncate(lastEndBytes);
                    return;
                }
            }
            else if (word.GoodEnd)
            {
                (lastEndWords, lastEndBytes) = (words, o.Length);
            }

            // One draw serves the whole step (a call to the generator costs more than the arithmetic): the top 24
            // bits pick a slot, the next 24 the side of the slot, the low 16 whether to escape.
            var bits = rng.NextUInt64();
            if ((int)(bits & 0xFFFF) < word.Escape)
            {
                w = _rare.Sample(rng);
                continue;
            }
            var slot = _successors[word.Row + (int)(((bits >> 40) * (ulong)word.Successors) >> 24)];
            w = ((bits >> 16) & 0xFFFFFF) * (1.0f / (1 << 24)) < slot.Prob ? slot.Value : slot.Alias;
        }
    }

    /// <summary>Counts words, starts, lengths and word pairs of texts, then builds the model.</summary>
    public sealed class Builder(TextEnd end, double minEscape)
    {
        private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
        private readonly List<string> _words = [];
        private readonly List<long> _counts = [];
        private readonly Dictionary<int, long> _starts = [];
        private readonly Dictionary<int, long> _lengths = [];
        // Every adjacent pair as (first << 32 | second), counted later by sorting: a hash table of millions of
        // pairs costs a cache miss per word, a sort streams through memory.
        private long[] _pairs = new long[1 << 16];
        private int _pairCount;
        private readonly List<int> _tokens = [];

        /// <summary>Adds one real text, split on white space (punctuation stays on its word, as it reads).</summary>
        public void Add(string text)
        {
            var lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();
            _tokens.Clear();
            foreach (var range in text.AsSpan().SplitAny(" \t\r\n"))
            {
                var token = text.AsSpan(range);
                if (token.IsEmpty) continue;
                if (!lookup.TryGetValue(token, out var id))
                {
                    id = _words.Count;
                    var s = token.ToString();
                    _ids.Add(s, id);
                    _words.Add(s);
                    _counts.Add(0);
                }
                _counts[id]++;
                _tokens.Add(id);
            }
            if (_tokens.Count == 0) return;
            Increment(_starts, _tokens[0]);
            Increment(_lengths, _tokens.Count);
            if (_pairCount + _tokens.Count > _pairs.Length) Array.Resize(ref _pairs, Math.Max(_pairs.Length * 2, _pairCount + _tokens.Count));
            for (var i = 1; i < _tokens.Count; i++) _pairs[_pairCount++] = ((long)_tokens[i - 1] << 32) | (uint)_tokens[i];
        }

        /// <summary>A word drawn by frequency alone, in no particular order (the small built-in fallback).</summary>
        public void AddWeighted(string word, double weight) => AddWord(word, weight);

        public void AddLength(int words, long count) => Increment(_lengths, words, count);

        public void AddStart(string word, long count) => Increment(_starts, AddWord(word, 0), count);

        public TextModel Build()
        {
            if (_words.Count == 0 || _starts.Count == 0 || _lengths.Count == 0)
                throw new InvalidOperationException("a text model needs words, starting words and lengths");

            // Most frequent words first: the words most steps touch then share a few cache lines and memory pages
            // instead of being spread over the whole table. (Ties keep first-seen order, so the layout is fixed.)
            var byFrequency = Enumerable.Range(0, _words.Count).OrderByDescending(w => _counts[w]).ThenBy(w => w).ToArray();
            var rank = new int[_words.Count];
            for (var r = 0; r < byFrequency.Length; r++) rank[byFrequency[r]] = r;
            var wordList = byFrequency.Select(w => _words[w]).ToArray();
            var counts = byFrequency.Select(w => _counts[w]).ToArray();
            var pairs = _pairs.AsSpan(0, _pairCount);
            for (var i = 0; i < pairs.Length; i++) pairs[i] = ((long)rank[(int)(pairs[i] >> 32)] << 32) | (uint)rank[(int)(uint)pairs[i]];

            // Lay the words out: every table refers to a word by its offset.
            var escaped = wordList.Select(JsonText.Of).ToArray();
            var offsets = new int[escaped.Length];
            var size = 0L;
            for (var w = 0; w < escaped.Length; w++)
            {
                offsets[w] = (int)size;
                size += HeaderSize + (escaped[w].Utf8.Length + 3) / 4 * 4;
                if (size > int.MaxValue) throw new InvalidOperationException("vocabulary too large");
            }

            // Sorting groups equal pairs (to count them) and each word's successors into one row.
            pairs.Sort();
            var row = new int[_words.Count + 1];
            var total = new long[_words.Count];
            var once = new long[_words.Count];
            var rareWeights = new double[_words.Count];
            var next = new List<int>();
            var weights = new List<double>();
            for (var i = 0; i < pairs.Length;)
            {
                var j = i + 1;
                while (j < pairs.Length && pairs[j] == pairs[i]) j++;
                var (first, second) = ((int)(pairs[i] >> 32), (int)(uint)pairs[i]);
                total[first] += j - i;
                if (j - i == 1)
                {
                    once[first]++;
                    rareWeights[second]++;
                }
                else
                {
                    row[first + 1]++;
                    next.Add(offsets[second]);
                    weights.Add(j - i);
                }
                i = j;
            }
            for (var w = 0; w < _words.Count; w++) row[w + 1] += row[w];
            var successors = new AliasSlot[next.Count];
            var nextArray = next.ToArray();
            var weightArray = weights.ToArray();
            for (var w = 0; w < _words.Count; w++)
            {
                var (start, count) = (row[w], row[w + 1] - row[w]);
                if (count > 0) AliasTable.Build(weightArray.AsSpan(start, count), successors.AsSpan(start, count), i => nextArray[start + i]);
            }
            // Without once-seen pairs (a hand-made vocabulary) the escape goes to plain word frequency.
            if (rareWeights.Sum() == 0) rareWeights = counts.Select(c => (double)c).ToArray();

            var blob = new byte[size];
            for (var w = 0; w < escaped.Length; w++)
            {
                var count = row[w + 1] - row[w];
                var escape = count == 0 ? EscapeScale : Math.Max((double)once[w] / total[w], minEscape);
                var header = new WordHeader(row[w], count, (int)Math.Round(escape * EscapeScale), escaped[w].Utf8.Length,
                    (short)Math.Min(escaped[w].Chars, short.MaxValue), IsGoodEnd(wordList[w], end));
                Unsafe.As<byte, WordHeader>(ref blob[offsets[w]]) = header;
                escaped[w].Utf8.CopyTo(blob, offsets[w] + HeaderSize);
            }
            var rare = new AliasTable(rareWeights, w => offsets[w]);
            var starts = Distribution<int>.FromCounts(_starts.ToDictionary(kv => offsets[rank[kv.Key]], kv => kv.Value));
            return new TextModel(blob, _words.Count, successors, rare, starts, Distribution<int>.FromCounts(_lengths));
        }

        private int AddWord(string word, double weight)
        {
            if (!_ids.TryGetValue(word, out var id))
            {
                id = _words.Count;
                _ids.Add(word, id);
                _words.Add(word);
                _counts.Add(0);
            }
            // Weights of hand-made vocabularies are scaled to counts; real counts are in the millions anyway.
            _counts[id] += (long)Math.Round(weight * 1000);
            return id;
        }

        private static void Increment(Dictionary<int, long> d, int key, long by = 1) => d[key] = d.GetValueOrDefault(key) + by;

        private static bool IsGoodEnd(string word, TextEnd end) => end switch
        {
            TextEnd.Sentence => word.EndsWith('.'),
            TextEnd.Title => char.IsLetterOrDigit(word[^1]) || word[^1] is ')' or '?' or '!',
            _ => true,
        };
    }
}

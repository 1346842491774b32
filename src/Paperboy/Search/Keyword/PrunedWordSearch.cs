using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using Lucene.Net.Index;
using Lucene.Net.Search;

namespace Paperboy.Search.Keyword;

/// <summary>
/// One plain-word search's best hits, range of documents by range, found without scoring every match (MaxScore):
/// when the caller needs neither the number of matches nor facets, most matches of common words cannot reach the
/// top and are never scored.
/// </summary>
/// <remarks>
/// <para>Each word on each field is a list of postings with a bound (<see cref="WordBounds"/>), the lists ordered
/// by bound. Once the hits so far set a bar, the weakest lists whose bounds together fall below it no longer
/// propose documents: a document found only in them cannot beat the bar. The proposing lists are added up a window
/// of documents at a time into small arrays, as <see cref="WordScorer"/> adds whole segments; then the window's
/// documents whose sum, with the bounds of the other lists that may have them (a common word's list knows which
/// documents it has, <see cref="WordBound.Present"/>), can still reach the bar are looked up in those lists, one
/// list at a time, strongest first, and dropped as soon as what is left cannot lift them to the bar. Fields
/// combine as a dismax, which never rises by more than a field's own rise, so the bounds are combined the same way.
/// Common words are the weakest lists and the longest, so most of their postings are never read.</para>
/// <para>A document that is scored gets the very float <see cref="WordScorer"/>'s arrays give it (each list's part
/// kept apart, then summed in the same order), and documents are offered in order, so the hits, their order and
/// their ties are the exhaustive path's. The ranges of one search share their bar: the worst of the best scores
/// found so far by all of them, so a document strictly below it has enough better ones already. Only documents whose bound is
/// strictly below the bar are skipped, so hits from another range that tie with a later document never drop it.</para>
/// <para>Thread-safe: the ranges of one search may run at once.</para>
/// </remarks>
internal sealed class PrunedWordSearch(List<WordScorer.FieldPlan> plans, float tie, int wanted, float k1, int boundMinimum)
{
    private readonly List<WordScorer.FieldPlan> _plans = plans;
    private readonly float _tie = tie;
    private readonly int _wanted = wanted;

    // The bounds and the scores are both float sums, rounded differently: a document is skipped only when its bound,
    // raised by far more than any rounding of a few dozen terms, is still below the bar.
    private const float Slack = 1.0001f;

    // Documents added up at a time: small enough that a window's arrays stay in the core's cache.
    private const int Window = 2048;

    // About how many postings Lucene steps through in the time of one jump to a document (Advance).
    private const int StepsPerJump = 4;

    /// <summary>Lists a search can prune over: a document's lists are the bits of one number.</summary>
    public const int MaxLists = 64;

    private float _bar;
    // The best scores of all ranges so far, worst first (see Share).
    private readonly PriorityQueue<float, float> _best = new();
    private readonly Lock _bestLock = new();

    /// <summary>The best hits among documents <paramref name="from"/> to <paramref name="to"/> of a segment, best first.</summary>
    public List<ScoreDoc> Search(AtomicReaderContext leaf, int from, int to, WordScorer.Accepted? accepted)
    {
        var spare = Spare(leaf.AtomicReader);
        var lists = Lists(leaf, from, spare);
        try
        {
            if (lists.Count == 0) return [];
            var range = new Range(this, lists, leaf.DocBase, accepted);
            try
            {
                range.Run(from, to);
            }
            finally
            {
                range.Return();
            }
            return range.Ranked();
        }
        finally
        {
            foreach (var list in lists)
                if (spare.Count < MaxLists) spare.Push(list.Docs);
        }
    }

    /// <summary>
    /// Counts a hit's score among the search's best so far, every range's together: once there are as many as wanted,
    /// the worst of them is a bar for all ranges (each document is in one range, so they are as many documents).
    /// Each range's own best alone set the bar at a dozen segments' worst: on a whole title, 13 against the 15.5 of
    /// the 20th hit.
    /// </summary>
    private void Share(float score)
    {
        lock (_bestLock)
        {
            if (_best.Count < _wanted) _best.Enqueue(score, score);
            else if (score > _best.Peek()) _best.EnqueueDequeue(score, score);
            else return;
            if (_best.Count == _wanted) Raise(_best.Peek());
        }
    }

    private void Raise(float bar)
    {
        var seen = Volatile.Read(ref _bar);
        while (bar > seen)
        {
            var was = Interlocked.CompareExchange(ref _bar, bar, seen);
            if (was == seen) return;
            seen = was;
        }
    }

    // Each thread's spare postings enumerators of each segment. Lucene reuses an enumerator only on the segment that
    // made it; a new one costs a few kilobytes, and a dozen words over a dozen segments made them most of a
    // search's garbage, so that collections came every few searches.
    [ThreadStatic] private static ConditionalWeakTable<object, Stack<DocsEnum>>? t_spare;

    private static Stack<DocsEnum> Spare(AtomicReader reader) =>
        (t_spare ??= new()).GetValue(reader.CoreCacheKey, _ => new Stack<DocsEnum>());

    /// <summary>
    /// Each query word's postings in this segment, in query order, positioned on the range's first match; their
    /// enumerators taken from <paramref name="spare"/> where it has some.
    /// </summary>
    private List<Postings> Lists(AtomicReaderContext leaf, int from, Stack<DocsEnum> spare)
    {
        var reader = leaf.AtomicReader;
        var lists = new List<Postings>();
        for (var f = 0; f < _plans.Count; f++)
        {
            var plan = _plans[f];
            var norms = SegmentNorms.For(reader, plan.Field);
            TermsEnum? terms = null;
            foreach (var t in plan.Terms)
            {
                if (t.Context.Get(leaf.Ord) is not { } state) continue;
                terms ??= reader.GetTerms(plan.Field).GetEnumerator();
                terms.SeekExact(t.Term.Bytes, state);
                var bound = WordBounds.Of(reader, terms, t.Term, t.Weight, norms, plan.LengthParts, k1, boundMinimum);
                var docs = terms.Docs(reader.LiveDocs, spare.Count > 0 ? spare.Pop() : null, DocsFlags.FREQS);
                lists.Add(new Postings(f, docs, from == 0 ? docs.NextDoc() : docs.Advance(from), t.Weight, norms, plan.LengthParts, k1, bound,
                    (float)terms.DocFreq / reader.MaxDoc));
            }
        }
        return lists;
    }

    private static float Dismax(ReadOnlySpan<float> fields, float tie)
    {
        float sum = 0, best = 0;
        foreach (var f in fields)
        {
            sum += f;
            if (f > best) best = f;
        }
        return best + (sum - best) * tie;
    }

    /// <summary>One range's search: its lists, their bounds, a window's arrays and its best hits so far.</summary>
    private sealed class Range
    {
        private readonly PrunedWordSearch _search;
        private readonly List<Postings> _lists;
        private readonly int _docBase;
        private readonly WordScorer.Accepted? _accepted;
        private readonly int _n, _fields;
        // The lists of field f are _fieldEnds[f - 1] to _fieldEnds[f] (query order).
        private readonly int[] _fieldEnds;
        // Positions in the order of bounds, weakest first; the lists themselves stay in query order, the order of the sums.
        private readonly int[] _order;
        // _reach[p]: the dismax of each field's bounds summed over the weakest p + 1 lists.
        private readonly float[] _reach;
        // A window's documents: each list's part (_n per document, valid where the document's bit in _has is set) and
        // each field's sum so far (_fields per document), and each field's bounds of the lists not looked up yet that may
        // have the document (_fields per document, candidates only). Parts are never cleared: the bits say which are current.
        private readonly float[] _parts, _sums, _rest;
        private readonly ulong[] _has;
        private readonly ulong[] _touched = new ulong[Window / 64];
        private readonly int[] _candidates = ArrayPool<int>.Shared.Rent(Window);
        private readonly PriorityQueue<ScoreDoc, ScoreDoc> _top;
        private float _bar;
        // Lists before this position only complete documents that the others propose.
        private int _proposing;

        public Range(PrunedWordSearch search, List<Postings> lists, int docBase, WordScorer.Accepted? accepted)
        {
            (_search, _lists, _docBase, _accepted) = (search, lists, docBase, accepted);
            _n = lists.Count;
            _fields = search._plans.Count;
            _fieldEnds = new int[_fields];
            for (var f = 0; f < _fields; f++) _fieldEnds[f] = lists.FindLastIndex(l => l.Field <= f) + 1;
            _order = Enumerable.Range(0, _n).OrderBy(i => lists[i].Bound).ThenBy(i => i).ToArray();
            var below = new float[_n * _fields];
            _reach = new float[_n];
            for (var p = 0; p < _n; p++)
            {
                if (p > 0) Array.Copy(below, (p - 1) * _fields, below, p * _fields, _fields);
                below[p * _fields + lists[_order[p]].Field] += lists[_order[p]].Bound;
                _reach[p] = Dismax(below.AsSpan(p * _fields, _fields), search._tie);
            }
            _top = new PriorityQueue<ScoreDoc, ScoreDoc>(search._wanted + 1, WordScorer.Worse.Instance);
            _parts = ArrayPool<float>.Shared.Rent(Window * _n);
            _sums = ArrayPool<float>.Shared.Rent(Window * _fields);
            _rest = ArrayPool<float>.Shared.Rent(Window * _fields);
            _has = ArrayPool<ulong>.Shared.Rent(Window);
            Array.Clear(_sums, 0, Window * _fields);
            Array.Clear(_rest, 0, Window * _fields);
            Array.Clear(_has, 0, Window);
        }

        public void Run(int from, int to)
        {
            _bar = Volatile.Read(ref _search._bar);
            Narrow();
            while (_proposing < _n)
            {
                // A window starts at the first document a proposing list has: rare words skip the stretches between them.
                var start = DocIdSetIterator.NO_MORE_DOCS;
                for (var p = _proposing; p < _n; p++) start = Math.Min(start, _lists[_order[p]].Doc);
                if (start >= to) break;
                // On a multiple of 64, so that the window's words of marks are words of the lists' bits.
                start &= ~63;
                var end = (int)Math.Min((long)start + Window, to);
                for (var p = _proposing; p < _n; p++) Add(_order[p], start, end);
                var count = Gather(start);
                // The other lists one at a time, strongest first, each looked up for the documents that can still make it.
                for (var p = _proposing - 1; p >= 0 && count > 0; p--) count = LookUp(p, start, end, count);
                for (var c = 0; c < count; c++) Offer(start, _candidates[c]);
                // Other ranges raise the shared bar too.
                _bar = Math.Max(_bar, Volatile.Read(ref _search._bar));
                Narrow();
            }
        }

        /// <summary>Adds list <paramref name="l"/>'s part to the window's documents it has (accepted ones only).</summary>
        private void Add(int l, int start, int end)
        {
            var list = _lists[l];
            for (var d = list.Doc; d < end; d = list.Doc)
            {
                if (_accepted is not null && !_accepted.Bits.Get(d))
                {
                    var next = d + 1 < _accepted.Bits.Length ? _accepted.Bits.NextSetBit(d + 1) : -1;
                    list.AdvanceTo(next < 0 ? DocIdSetIterator.NO_MORE_DOCS : next);
                    continue;
                }
                Found(d - start, l, list);
                _touched[(d - start) >> 6] |= 1UL << (d - start);
                list.Next();
            }
        }

        private void Found(int i, int l, Postings list)
        {
            var part = list.Score();
            _parts[i * _n + l] = part;
            _has[i] |= 1UL << l;
            _sums[i * _fields + list.Field] += part;
        }

        /// <summary>
        /// The window's documents that proposing lists have, in order, into the candidates, but for those that cannot reach
        /// the bar even if every other list that may have them has them at its bound; the marks cleared.
        /// </summary>
        private int Gather(int start)
        {
            // Each document's rest: the bounds of the lists not proposing that may have it, 64 documents at a time.
            for (var p = 0; p < _proposing; p++)
            {
                var list = _lists[_order[p]];
                var (present, first, at, bound) = (list.Present, start >> 6, list.Field, list.Bound);
                for (var w = 0; w < _touched.Length; w++)
                {
                    var bits = _touched[w];
                    // (Windows start on a multiple of 64, so a word of marks is a word of the bits.)
                    if (present is not null && bits != 0) bits &= present[first + w];
                    for (; bits != 0; bits &= bits - 1) _rest[(w * 64 + BitOperations.TrailingZeroCount(bits)) * _fields + at] += bound;
                }
            }
            var count = 0;
            for (var w = 0; w < _touched.Length; w++)
            {
                for (var bits = _touched[w]; bits != 0; bits &= bits - 1)
                {
                    var i = w * 64 + BitOperations.TrailingZeroCount(bits);
                    if (CanReach(i)) _candidates[count++] = i;
                    else Clear(i);
                }
                _touched[w] = 0;
            }
            return count;
        }

        /// <summary>
        /// Adds the part of the list at position <paramref name="p"/> to the candidates it has, and keeps those that can still
        /// reach the bar with the weaker lists left. Each of Lucene's jumps costs several steps: when the candidates are
        /// many for the list's postings in the window, stepping through the postings is cheaper.
        /// </summary>
        private int LookUp(int p, int start, int end, int count)
        {
            var l = _order[p];
            var list = _lists[l];
            var step = count * StepsPerJump >= list.Density * (end - start);
            var kept = 0;
            for (var c = 0; c < count; c++)
            {
                var i = _candidates[c];
                var d = start + i;
                // A document the list cannot have keeps the rest it has (which left the list out) and costs no read.
                if (list.MayHave(d))
                {
                    if (step && c > 0)
                        while (list.Doc < d) list.Next();
                    else list.AdvanceTo(d);
                    if (list.Doc == d) Found(i, l, list);
                    _rest[i * _fields + list.Field] -= list.Bound;
                }
                if (p == 0 || CanReach(i)) _candidates[kept++] = i;
                else Clear(i);
            }
            return kept;
        }

        /// <summary>Whether the window's <paramref name="i"/>th document could reach the bar with its rest (the lists not looked up yet that may have it).</summary>
        private bool CanReach(int i)
        {
            var at = i * _fields;
            float sum = 0, best = 0;
            for (var f = 0; f < _fields; f++)
            {
                var most = _sums[at + f] + _rest[at + f];
                sum += most;
                if (most > best) best = most;
            }
            return (best + (sum - best) * _search._tie) * Slack >= _bar;
        }

        /// <summary>Offers the window's <paramref name="i"/>th document, whose every part is known, as a hit; clears its arrays.</summary>
        private void Offer(int start, int i)
        {
            // A document the arrays would score 0 is no hit there either.
            var score = Score(i);
            Clear(i);
            if (score == 0) return;
            var hit = new ScoreDoc(_docBase + start + i, score);
            // Only a score above the shared bar can raise it.
            if (score > Volatile.Read(ref _search._bar)) _search.Share(score);
            if (_top.Count < _search._wanted) _top.Enqueue(hit, hit);
            else if (WordScorer.Worse.Instance.Compare(_top.Peek(), hit) < 0) _top.EnqueueDequeue(hit, hit);
            if (_top.Count == _search._wanted && _top.Peek().Score > _bar)
            {
                _bar = _top.Peek().Score;
                _search.Raise(_bar);
            }
        }

        private void Clear(int i)
        {
            _has[i] = 0;
            for (var f = i * _fields; f < (i + 1) * _fields; f++) _sums[f] = _rest[f] = 0;
        }

        /// <summary>Moves the weakest lists out of the proposing ones while their bounds together stay below the bar.</summary>
        private void Narrow()
        {
            while (_proposing < _n && _reach[_proposing] * Slack < _bar) _proposing++;
        }

        /// <summary>
        /// The window's <paramref name="i"/>th document's score from the parts it has, summed exactly as
        /// <see cref="WordScorer"/>'s arrays sum it: each field's terms in query order, then the fields in order (the
        /// arrays add zeros for the terms a document lacks, which changes no float).
        /// </summary>
        private float Score(int i)
        {
            var parts = _parts.AsSpan(i * _n, _n);
            var has = _has[i];
            float sum = 0, best = 0;
            var l = 0;
            for (var f = 0; f < _fields; f++)
            {
                float field = 0;
                for (; l < _fieldEnds[f]; l++)
                    if ((has & (1UL << l)) != 0) field += parts[l];
                sum += field;
                if (field > best) best = field;
            }
            return best + (sum - best) * _search._tie;
        }

        public void Return()
        {
            ArrayPool<float>.Shared.Return(_parts);
            ArrayPool<float>.Shared.Return(_sums);
            ArrayPool<float>.Shared.Return(_rest);
            ArrayPool<ulong>.Shared.Return(_has);
            ArrayPool<int>.Shared.Return(_candidates);
        }

        public List<ScoreDoc> Ranked()
        {
            var ranked = new List<ScoreDoc>(_top.Count);
            while (_top.Count > 0) ranked.Add(_top.Dequeue());
            ranked.Reverse();
            return ranked;
        }
    }

    /// <summary>One word's postings on one field, on its current document.</summary>
    private sealed class Postings(int field, DocsEnum docs, int doc, float weight, byte[]? norms, float[] lengthParts, float k1, WordBound bound,
        float density)
    {
        public int Field { get; } = field;
        public DocsEnum Docs => docs;
        public float Bound => bound.Bound;
        /// <summary>Which documents of the segment may have the word (<see cref="WordBound.Present"/>); null: any may.</summary>
        public ulong[]? Present => bound.Present;
        public bool MayHave(int doc) => bound.MayHave(doc);
        /// <summary>Postings per document of the segment.</summary>
        public float Density { get; } = density;
        public int Doc { get; private set; } = doc;

        public void Next() => Doc = docs.NextDoc();

        public void AdvanceTo(int target)
        {
            if (Doc < target) Doc = docs.Advance(target);
        }

        /// <summary>What the word adds to the field's score of the current document: the arrays' formula, term for term.</summary>
        public float Score()
        {
            float tf = docs.Freq;
            return weight * tf / (tf + (norms is null ? k1 : lengthParts[norms[Doc]]));
        }
    }
}

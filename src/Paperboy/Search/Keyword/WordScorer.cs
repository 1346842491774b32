using System.Buffers;
using System.Collections.Concurrent;
using System.Numerics.Tensors;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>The analysed words of a query on one field, and how much that field counts.</summary>
internal sealed record FieldWords(string Field, float Boost, IReadOnlyList<Term> Terms);

/// <summary>
/// Scores a query of plain words term at a time, each field's postings added into an array of scores per
/// document, then the fields combined as Lucene's dismax combines them. The scores are Lucene's own BM25 scores
/// (a test compares the two), but Lucene 4.8 scores such a query document at a time through a heap of scorers
/// per field, which at a million papers cost 30-150 ms for two or three common words; arrays cost a few
/// nanoseconds a posting. Every match is still visited, so the total and the facets stay exact.
/// </summary>
/// <remarks>
/// A caller that needs neither (the JSON API, the keyword half of a hybrid search) gets the same hits from
/// <see cref="PrunedWordSearch"/>, which skips the matches that cannot reach them: most of a common word's.
/// </remarks>
internal sealed class WordScorer(PaperSimilarity similarity, int parallelMinimum, int exactBoundMinimum)
{
    // Arrays go back to this pool all zeros (the passes below clear what they used), so none is cleared on rent;
    // the shared pool could hand out another's dirty array. Three arrays a search in flight, four kept per size:
    // at a million papers, up to 48 MB held between searches.
    private static readonly ArrayPool<float> Pool = ArrayPool<float>.Create(maxArrayLength: 1 << 27, maxArraysPerBucket: 12);

    /// <summary>
    /// The best <paramref name="wanted"/> hits, best first, and the number of matches; null when neither
    /// <paramref name="countAll"/> nor <paramref name="facets"/> asked for every match and some were skipped.
    /// </summary>
    public (List<ScoreDoc> Top, int? Total) Search(IndexSearcher searcher, IReadOnlyList<FieldWords> fields, float tie,
        Filter? filter, int wanted, FacetCollector? facets, bool countAll)
    {
        // Ranges of documents are independent until their best hits are merged: a large index splits its segments
        // into ranges so that one search uses every core (merged segments make one segment most of the index).
        var parallel = searcher.IndexReader.MaxDoc >= parallelMinimum;
        var plans = Plans(searcher, fields, parallel);
        // (A query of more words than PrunedWordSearch takes, pasted text, is scored in full.)
        var pruned = !countAll && facets is null && plans.Sum(p => p.Terms.Count) <= PrunedWordSearch.MaxLists;
        var leaves = searcher.IndexReader.Leaves;
        var accepted = leaves.Select(leaf => filter is null ? null : Bits(filter, leaf)).ToArray();
        var units = new List<(int Leaf, int From, int To)>();
        for (var i = 0; i < leaves.Count; i++)
        {
            var maxDoc = leaves[i].AtomicReader.MaxDoc;
            // (A test's tiny parallel minimum splits tiny segments too, so that ranges meet in every test run.)
            var pieces = parallel ? Math.Clamp(maxDoc / Math.Min(MinimumRange, parallelMinimum), 1, Math.Max(2, Environment.ProcessorCount)) : 1;
            for (var p = 0; p < pieces; p++) units.Add((i, (int)((long)maxDoc * p / pieces), (int)((long)maxDoc * (p + 1) / pieces)));
        }
        var parts = new (List<ScoreDoc> Top, int Total, FacetCollector? Facets)[units.Count];
        var prune = pruned ? new PrunedWordSearch(plans, tie, wanted, similarity.K1, exactBoundMinimum) : null;
        if (parallel && units.Count > 1)
        {
            // The largest ranges first, each taken by the next free core: a big segment's ranges and a dozen small
            // segments differ tenfold in size, and Parallel.For's blocks of neighbouring ranges left a core idle for up
            // to a third of a search.
            var largestFirst = Enumerable.Range(0, units.Count).OrderByDescending(u => units[u].To - units[u].From).ToArray();
            Parallel.ForEach(Partitioner.Create(largestFirst, EnumerablePartitionerOptions.NoBuffering), Cores, u =>
                parts[u] = Range(units[u], inParallel: true));
        }
        else
            for (var u = 0; u < units.Count; u++)
                parts[u] = Range(units[u], inParallel: false);
        var total = 0;
        var top = new List<ScoreDoc>();
        foreach (var part in parts)
        {
            total += part.Total;
            top.AddRange(part.Top);
            if (part.Facets is { } counted && counted != facets) facets!.Add(counted);
        }
        top.Sort((x, y) => Worse.Instance.Compare(y, x));
        if (top.Count > wanted) top.RemoveRange(wanted, top.Count - wanted);
        return (top, pruned ? null : total);

        (List<ScoreDoc> Top, int Total, FacetCollector? Facets) Range((int Leaf, int From, int To) unit, bool inParallel) => pruned
            ? (prune!.Search(leaves[unit.Leaf], unit.From, unit.To, accepted[unit.Leaf]), 0, null)
            : SearchRange(leaves[unit.Leaf], unit.From, unit.To, plans, tie, accepted[unit.Leaf], wanted,
                inParallel && facets is not null ? new FacetCollector() : facets);
    }

    // A range smaller than this is not worth a thread of its own.
    private const int MinimumRange = 65_536;

    /// <summary>
    /// The best <paramref name="wanted"/> hits (best first) among documents <paramref name="from"/> to
    /// <paramref name="to"/> of a segment, their number, and their facets counted.
    /// </summary>
    private (List<ScoreDoc> Top, int Total, FacetCollector? Facets) SearchRange(AtomicReaderContext leaf, int from, int to,
        List<FieldPlan> plans, float tie, Accepted? accepted, int wanted, FacetCollector? facets)
    {
        var length = to - from;
        var top = new PriorityQueue<ScoreDoc, ScoreDoc>(wanted + 1, Worse.Instance);
        var total = 0;
        float[] best = Pool.Rent(length), sum = Pool.Rent(length), field = Pool.Rent(length);
        // A filter that keeps a small share of the range (a day's papers among a million): every pass visits only the
        // documents it keeps, and only they are ever written, instead of passes over the whole range per field.
        var sparse = accepted is not null && (long)accepted.Count * SparseRatio < length;
        var clean = false;
        try
        {
            foreach (var plan in plans)
            {
                if (!AddField(leaf, from, to, plan, field, accepted, sparse)) continue;
                if (sparse)
                {
                    for (var d = NextAccepted(accepted!, from, to); d >= 0; d = NextAccepted(accepted!, d + 1, to))
                    {
                        var i = d - from;
                        var f = field[i];
                        if (f == 0) continue;
                        sum[i] += f;
                        if (f > best[i]) best[i] = f;
                        field[i] = 0;
                    }
                    continue;
                }
                TensorPrimitives.Add(sum.AsSpan(0, length), field.AsSpan(0, length), sum.AsSpan(0, length));
                TensorPrimitives.Max(best.AsSpan(0, length), field.AsSpan(0, length), best.AsSpan(0, length));
                Array.Clear(field, 0, length);
            }
            facets?.SetNextReader(leaf);
            for (var next = sparse ? NextAccepted(accepted!, from, to) : from; next >= 0 && next < to;
                 next = sparse ? NextAccepted(accepted!, next + 1, to) : next + 1)
            {
                var i = next - from;
                var s = sum[i];
                if (s == 0) continue;
                var b = best[i];
                sum[i] = 0;
                best[i] = 0;
                var d = from + i;
                if (accepted is not null && !accepted.Bits.Get(d)) continue;
                total++;
                facets?.Collect(d);
                var hit = new ScoreDoc(leaf.DocBase + d, b + (s - b) * tie);
                if (top.Count < wanted) top.Enqueue(hit, hit);
                else if (Worse.Instance.Compare(top.Peek(), hit) < 0) top.EnqueueDequeue(hit, hit);
            }
            clean = true;
        }
        finally
        {
            if (!clean)
            {
                Array.Clear(best, 0, length);
                Array.Clear(sum, 0, length);
                Array.Clear(field, 0, length);
            }
            Pool.Return(best);
            Pool.Return(sum);
            Pool.Return(field);
        }
        var ranked = new List<ScoreDoc>(top.Count);
        while (top.Count > 0) ranked.Add(top.Dequeue());
        ranked.Reverse();
        return (ranked, total, facets);
    }

    internal sealed record TermPlan(Term Term, TermContext Context, float Weight);

    internal sealed record FieldPlan(string Field, float[] LengthParts, List<TermPlan> Terms);

    private static readonly ParallelOptions Cores = new() { MaxDegreeOfParallelism = Environment.ProcessorCount };

    /// <summary>
    /// Each field's words with their weights and where each segment keeps their postings: index-wide statistics, as
    /// Lucene's term weights take them (idf over all segments, the field's average length).
    /// </summary>
    private List<FieldPlan> Plans(IndexSearcher searcher, IReadOnlyList<FieldWords> fields, bool parallel)
    {
        // Every word is looked up in every segment: a whole title on three fields over a dozen segments is a few
        // hundred lookups, milliseconds on one core before the search proper starts. The segments are shared out
        // between the cores, and each looks a field's words up through one enumerator (Lucene's TermContext.Build
        // makes one per word and segment, and at a million papers those were a good part of a search's garbage).
        var words = fields.SelectMany(f => f.Terms).ToArray();
        var leaves = searcher.IndexReader.Leaves;
        var found = new (TermState State, int DocFreq, long TotalFreq)?[leaves.Count, words.Length];
        if (parallel && leaves.Count > 1) Parallel.For(0, leaves.Count, Cores, Look);
        else for (var l = 0; l < leaves.Count; l++) Look(l);
        var contexts = new TermContext[words.Length];
        for (var w = 0; w < words.Length; w++)
        {
            contexts[w] = new TermContext(searcher.TopReaderContext);
            for (var l = 0; l < leaves.Count; l++)
                if (found[l, w] is { } f) contexts[w].Register(f.State, leaves[l].Ord, f.DocFreq, f.TotalFreq);
        }

        var plans = new List<FieldPlan>(fields.Count);
        var next = 0;
        foreach (var field in fields)
        {
            var stats = searcher.CollectionStatistics(field.Field);
            var terms = new List<TermPlan>();
            foreach (var term in field.Terms)
            {
                var context = contexts[next++];
                if (context.DocFreq == 0) continue;
                terms.Add(new TermPlan(term, context, similarity.IdfOf(context.DocFreq, stats.MaxDoc) * field.Boost * (similarity.K1 + 1)));
            }
            plans.Add(new FieldPlan(field.Field, similarity.LengthParts(stats), terms));
        }
        return plans;

        void Look(int l)
        {
            var reader = leaves[l].AtomicReader;
            var w = 0;
            foreach (var field in fields)
            {
                var terms = reader.GetTerms(field.Field)?.GetEnumerator();
                foreach (var term in field.Terms)
                {
                    if (terms is not null && terms.SeekExact(term.Bytes)) found[l, w] = (terms.GetTermState(), terms.DocFreq, terms.TotalTermFreq);
                    w++;
                }
            }
        }
    }

    /// <summary>
    /// Adds the field's BM25 score of documents <paramref name="from"/> to <paramref name="to"/> of the segment into
    /// <paramref name="scores"/> (at <c>document − from</c>); false when no word is in it. With a filter much smaller
    /// than a word's postings, the postings skip from one accepted document to the next instead of being read through.
    /// </summary>
    private bool AddField(AtomicReaderContext leaf, int from, int to, FieldPlan plan, float[] scores, Accepted? accepted, bool sparse)
    {
        var reader = leaf.AtomicReader;
        var any = false;
        var norms = SegmentNorms.For(reader, plan.Field);
        var parts = plan.LengthParts;
        var k1 = similarity.K1;
        foreach (var t in plan.Terms)
        {
            if (t.Context.Get(leaf.Ord) is not { } state) continue;
            var terms = reader.GetTerms(plan.Field).GetEnumerator();
            terms.SeekExact(t.Term.Bytes, state);
            var skip = accepted is not null && accepted.Count * SkipRatio < terms.DocFreq;
            var docs = terms.Docs(reader.LiveDocs, null, DocsFlags.FREQS);
            var weight = t.Weight;
            if (skip)
            {
                var bits = accepted!.Bits;
                var next = from < bits.Length ? bits.NextSetBit(from) : -1;
                while (next >= 0 && next < to)
                {
                    var d = docs.Advance(next);
                    if (d >= to) break;
                    if (bits.Get(d))
                    {
                        float tf = docs.Freq;
                        scores[d - from] += weight * tf / (tf + (norms is null ? k1 : parts[norms[d]]));
                    }
                    next = d + 1 < bits.Length ? bits.NextSetBit(d + 1) : -1;
                }
            }
            else
            {
                for (var d = from == 0 ? docs.NextDoc() : docs.Advance(from); d < to; d = docs.NextDoc())
                {
                    if (sparse && !accepted!.Bits.Get(d)) continue;
                    float tf = docs.Freq;
                    scores[d - from] += weight * tf / (tf + (norms is null ? k1 : parts[norms[d]]));
                }
            }
            any = true;
        }
        return any;
    }

    // Skipping costs a few reads of the skip list per accepted document: worth it when the postings are several times longer.
    private const int SkipRatio = 4;

    // Visiting accepted documents one by one costs a bit-set search each, where the whole-range passes are vector
    // operations: worth it when the filter keeps fewer than one document in this many.
    private const int SparseRatio = 32;

    /// <summary>The first accepted document from <paramref name="from"/> on and before <paramref name="to"/>, or −1.</summary>
    private static int NextAccepted(Accepted accepted, int from, int to)
    {
        if (from >= to || from >= accepted.Bits.Length) return -1;
        var d = accepted.Bits.NextSetBit(from);
        return d < to ? d : -1;
    }

    /// <summary>The documents of a segment a filter accepts, and how many.</summary>
    internal sealed record Accepted(FixedBitSet Bits, int Count);

    private static Accepted Bits(Filter filter, AtomicReaderContext leaf)
    {
        var bits = new FixedBitSet(leaf.AtomicReader.MaxDoc);
        var matches = filter.GetDocIdSet(leaf, leaf.AtomicReader.LiveDocs)?.GetIterator();
        if (matches is null) return new Accepted(bits, 0);
        for (var d = matches.NextDoc(); d != DocIdSetIterator.NO_MORE_DOCS; d = matches.NextDoc()) bits.Set(d);
        return new Accepted(bits, bits.Cardinality);
    }

    /// <summary>Orders the heap worst first: a lower score, or the same score and a later document (Lucene keeps the earlier).</summary>
    internal sealed class Worse : IComparer<ScoreDoc>
    {
        public static readonly Worse Instance = new();

        public int Compare(ScoreDoc? x, ScoreDoc? y) =>
            x!.Score != y!.Score ? x.Score.CompareTo(y.Score) : y.Doc.CompareTo(x.Doc);
    }
}

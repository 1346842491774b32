using Lucene.Net.Analysis;
using Lucene.Net.Analysis.En;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;

namespace Paperboy.Search.Keyword;

/// <summary>Turns a <see cref="SearchQuery"/> into what Lucene runs: a ranking query and a filter.</summary>
internal sealed class KeywordQueries(Analyzer analyzer, KeywordIndexOptions options)
{
    // An id typed in the query names one paper: it goes first, far above any text match.
    private const float IdBoost = 1000f;

    // Words are scored per field and the best field counts whole, the others at this share (a dismax, as BEIR's
    // own BM25 runs). On SciFact's training queries summing the fields gave 0.669 nDCG@10 and a dismax 0.686 to
    // 0.692 for shares from 0.2 to 0.7.
    private const float OtherFieldsShare = 0.35f;

    private readonly QueryBuilder _builder = new(analyzer);

    /// <summary>The query that scores documents, or null when there is no text and no id (filters alone).</summary>
    public Query? Ranking(SearchQuery q)
    {
        var text = Text(q);
        if (q.ArxivIds.Count == 0) return text;
        var root = new BooleanQuery();
        if (text is not null) root.Add(text, Occur.SHOULD);
        foreach (var id in q.ArxivIds)
            root.Add(new TermQuery(new Term(KeywordFields.ArxivId, id)) { Boost = IdBoost }, Occur.SHOULD);
        return root;
    }

    /// <summary>Share of the score the fields other than the best one add (a dismax's tie-breaker).</summary>
    public static float TieBreaker => OtherFieldsShare;

    /// <summary>
    /// A query of plain words as the words on each field (the terms the <see cref="Ranking"/> query would hold),
    /// for <see cref="WordScorer"/>; null when it has phrases or ids, or no word is left after analysis.
    /// </summary>
    public IReadOnlyList<FieldWords>? Words(SearchQuery q)
    {
        if (q.Words.Count == 0 || q.Phrases.Count > 0 || q.ArxivIds.Count > 0) return null;
        if (Text(q) is not DisjunctionMaxQuery best) return null;
        var fields = new List<FieldWords>();
        foreach (var field in best.Disjuncts)
        {
            var terms = field switch
            {
                TermQuery t => [t.Term],
                BooleanQuery b when b.Clauses.All(c => c.Occur == Occur.SHOULD && c.Query is TermQuery { Boost: 1f })
                    => b.Clauses.Select(c => ((TermQuery)c.Query).Term).ToList(),
                _ => null,
            };
            // Anything else (several words at one position, a nested query) is left to Lucene's own scorers.
            if (terms is null || terms.Count == 0 || field.Boost <= 0) return null;
            fields.Add(new FieldWords(terms[0].Field, field.Boost, terms));
        }
        return fields.Count == 0 ? null : fields;
    }

    /// <summary>The filters as one query that scores nothing, or null when there are none.</summary>
    public Filter? Filter(SearchQuery q)
    {
        var all = new BooleanQuery();
        foreach (var author in q.Authors) all.Add(Author(author), Occur.MUST);
        if (q.Categories.Count > 0)
        {
            var any = new BooleanQuery();
            // A value without a dot is an archive, a term every one of its categories' papers carry.
            foreach (var category in q.Categories)
                any.Add(new TermQuery(new Term(KeywordFields.Category, category.ToLowerInvariant())), Occur.SHOULD);
            all.Add(any, Occur.MUST);
        }
        if (q.From is not null || q.To is not null)
        {
            int? from = q.From is { } f ? KeywordFields.DayNumber(f) : null;
            int? to = q.To is { } t ? KeywordFields.DayNumber(t) : null;
            all.Add(NumericRangeQuery.NewInt32Range(KeywordFields.Day, from, to, true, true), Occur.MUST);
        }
        if (q.HasCode) all.Add(new TermQuery(new Term(KeywordFields.Code, "1")), Occur.MUST);
        return all.Clauses.Count == 0 ? null : new QueryWrapperFilter(all);
    }

    /// <summary>The words and phrases of <paramref name="q"/> on one field, unboosted: what the highlighter marks.</summary>
    public Query? Matching(SearchQuery q, string field)
    {
        var any = new BooleanQuery();
        if (q.Words.Count > 0 && _builder.CreateBooleanQuery(field, string.Join(' ', q.Words)) is { } words) any.Add(words, Occur.SHOULD);
        foreach (var phrase in q.Phrases)
            if (_builder.CreatePhraseQuery(field, phrase) is { } p) any.Add(p, Occur.SHOULD);
        return any.Clauses.Count == 0 ? null : any;
    }

    /// <summary>
    /// Words score on title (boosted), abstract and authors, and at least one must match; every phrase must be in
    /// one of them.
    /// </summary>
    private Query? Text(SearchQuery q)
    {
        var text = new BooleanQuery();
        if (q.Words.Count > 0)
        {
            var words = string.Join(' ', q.Words);
            // Author names are not stemmed and keep every word, so English stop words are left out of them here:
            // "the" would otherwise match an author called The.
            var nameWords = string.Join(' ', q.Words.Where(w => !EnglishAnalyzer.DefaultStopSet.Contains(w.ToLowerInvariant())));
            var fields = new[]
            {
                Boosted(_builder.CreateBooleanQuery(KeywordFields.Title, words), options.TitleBoost),
                _builder.CreateBooleanQuery(KeywordFields.Abstract, words),
                nameWords.Length == 0 ? null : Boosted(_builder.CreateBooleanQuery(KeywordFields.Authors, nameWords), options.AuthorBoost),
            };
            if (BestField(fields) is { } best) text.Add(best, Occur.SHOULD);
        }
        foreach (var phrase in q.Phrases)
        {
            // A phrase of stop words alone ("to be") has nothing to look for in title or abstract: it is left out
            // rather than left to match only authors.
            var title = _builder.CreatePhraseQuery(KeywordFields.Title, phrase);
            if (title is null) continue;
            text.Add(BestField(
            [
                Boosted(title, options.TitleBoost),
                _builder.CreatePhraseQuery(KeywordFields.Abstract, phrase),
                Boosted(_builder.CreatePhraseQuery(KeywordFields.Authors, phrase), options.AuthorBoost),
            ])!, Occur.MUST);
        }
        // Words alone are one dismax: run it as it is, without a boolean around it.
        return text.Clauses.Count switch
        {
            0 => null,
            1 when text.Clauses[0].Occur == Occur.SHOULD => text.Clauses[0].Query,
            _ => text,
        };
    }

    private static DisjunctionMaxQuery? BestField(IEnumerable<Query?> fields)
    {
        var best = new DisjunctionMaxQuery(OtherFieldsShare);
        foreach (var field in fields)
            if (field is not null) best.Add(field);
        return best.Disjuncts.Count == 0 ? null : best;
    }

    /// <summary>An author's name as a phrase of name words, or the whole name exactly.</summary>
    private Query Author(string name)
    {
        var any = new BooleanQuery { { new TermQuery(new Term(KeywordFields.AuthorKey, KeywordFields.AuthorKeyOf(name))), Occur.SHOULD } };
        if (_builder.CreatePhraseQuery(KeywordFields.Authors, name) is { } words) any.Add(words, Occur.SHOULD);
        return any;
    }

    private static Query? Boosted(Query? q, float boost)
    {
        if (q is not null) q.Boost = boost;
        return q;
    }
}

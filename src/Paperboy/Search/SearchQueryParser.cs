using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Paperboy.Papers;

namespace Paperboy.Search;

/// <summary>
/// Reads one query left to right: whitespace separates tokens, a double quote opens a phrase, <c>name:value</c> is
/// a filter (<c>name:"several words"</c> too). Anything it cannot read is kept as words, with a note.
/// </summary>
internal sealed partial class SearchQueryParser
{
    // A page shows a handful of notes; a 1,000-character query of bad filters would otherwise give hundreds.
    private const int MaxNotes = 8;

    [GeneratedRegex(@"^[A-Za-z]+(?:-[A-Za-z]+)*(?:\.[A-Za-z]+(?:-[A-Za-z]+)*)?$")]
    private static partial Regex CategoryPattern();

    [GeneratedRegex(@"^\d{4}$")]
    private static partial Regex YearPattern();

    [GeneratedRegex(@"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")]
    private static partial Regex DatePattern();

    private readonly string _input;
    private readonly List<string> _words = [], _phrases = [], _text = [], _authors = [], _categories = [], _ids = [], _notes = [];
    private DateOnly? _from, _to;
    private bool _hasCode, _termsDropped;

    public SearchQueryParser(string raw) => _input = Clean(raw);

    public SearchQuery Parse()
    {
        var s = _input;
        var i = 0;
        while (i < s.Length)
        {
            if (char.IsWhiteSpace(s[i])) i++;
            else if (s[i] == '"') i = ReadPhrase(i);
            else i = ReadToken(i);
        }
        if (_termsDropped) Note($"Only the first {SearchQuery.MaxTerms} words and phrases were searched.");
        return new SearchQuery
        {
            Input = _input,
            Words = _words,
            Phrases = _phrases,
            Text = string.Join(' ', _text),
            Authors = _authors,
            Categories = _categories.Distinct(StringComparer.OrdinalIgnoreCase).ToList(),
            From = _from,
            To = _to,
            HasCode = _hasCode,
            ArxivIds = _ids.Distinct(StringComparer.Ordinal).ToList(),
            Notes = _notes,
        };
    }

    private int ReadPhrase(int open)
    {
        var close = _input.IndexOf('"', open + 1);
        if (close < 0)
        {
            // The lone quote is dropped and what follows it is read as if it were not there.
            Note("A quote mark has no partner; it was ignored.");
            return open + 1;
        }
        AddPhrase(_input[(open + 1)..close]);
        return close + 1;
    }

    private int ReadToken(int start)
    {
        var end = start;
        while (end < _input.Length && !char.IsWhiteSpace(_input[end]) && _input[end] != '"') end++;
        var token = _input[start..end];
        if (end < _input.Length && _input[end] == '"' && token.Length > 1 && token[^1] == ':' && IsFilterName(token.AsSpan(0, token.Length - 1)))
        {
            var close = _input.IndexOf('"', end + 1);
            if (close >= 0)
            {
                Filter(token[..^1], _input[(end + 1)..close]);
                return close + 1;
            }
            Note("A quote mark has no partner; it was ignored.");
            var valueEnd = end + 1;
            while (valueEnd < _input.Length && !char.IsWhiteSpace(_input[valueEnd]) && _input[valueEnd] != '"') valueEnd++;
            Filter(token[..^1], _input[(end + 1)..valueEnd]);
            return valueEnd;
        }
        Token(token);
        return end;
    }

    private void Token(string token)
    {
        // Before looking for "name:", since arXiv:2501.01234 and arxiv.org links are ids too.
        if (ArxivId.TryParse(token, out var id))
        {
            _ids.Add(id);
            return;
        }
        var colon = token.IndexOf(':');
        // A link that is not arXiv's is text, not an unknown filter called "https".
        if (colon > 0 && IsFilterName(token.AsSpan(0, colon)) && !token.AsSpan(colon + 1).StartsWith("//"))
            Filter(token[..colon], token[(colon + 1)..]);
        else
            AddWord(token);
    }

    private void Filter(string name, string value)
    {
        value = CollapseSpaces(value);
        switch (name.ToLowerInvariant())
        {
            case "author":
                if (value.Any(char.IsLetterOrDigit)) _authors.Add(value);
                else Note("author: needs a name, as in author:hinton or author:\"Geoffrey Hinton\".");
                break;
            case "category" or "cat":
                if (CategoryPattern().IsMatch(value)) _categories.Add(value);
                else Fallback(name, value, $"\"{value}\" is not an arXiv category (such as cs.CL, or cs for all of computer science); it was searched as text.");
                break;
            case "year":
                if (TryRange(value, Year, out var yearFrom, out var yearTo)) Narrow(yearFrom, yearTo);
                else Fallback(name, value, $"year:{value} is not a year or a range of years (year:2024, year:2020..2023, year:2021..); it was searched as text.");
                break;
            case "date":
                if (TryRange(value, Date, out var dateFrom, out var dateTo)) Narrow(dateFrom, dateTo);
                else Fallback(name, value, $"date:{value} is not a date or a range of dates (date:2025-01-01..2025-03-31, date:2025-01, date:..2024-06-30); it was searched as text.");
                break;
            case "has":
                if (value.Equals("code", StringComparison.OrdinalIgnoreCase)) _hasCode = true;
                else Fallback(name, value, $"has:{value} is not a filter (has:code is); it was searched as text.");
                break;
            case "arxiv":
                if (ArxivId.TryParse(value, out var id)) _ids.Add(id);
                else Fallback(name, value, $"\"{value}\" is not an arXiv id; it was searched as text.");
                break;
            default:
                // "Attention: a survey" is a title, not a filter; only "name:value" with a value is a mistaken filter.
                if (value.Length == 0) AddWord(name);
                else Fallback(name, value, $"There is no filter \"{name}:\" (there are author:, category:, year:, date: and has:code); it was searched as text.");
                break;
        }
    }

    private void Fallback(string name, string value, string note)
    {
        Note(note);
        AddWord(name);
        foreach (var word in value.Split(' ', StringSplitOptions.RemoveEmptyEntries)) AddWord(word);
    }

    private void AddWord(string word)
    {
        // Punctuation alone ("-", "...") says nothing to any engine.
        if (!word.Any(char.IsLetterOrDigit)) return;
        if (_text.Count >= SearchQuery.MaxTerms)
        {
            _termsDropped = true;
            return;
        }
        _words.Add(word);
        _text.Add(word);
    }

    private void AddPhrase(string phrase)
    {
        phrase = CollapseSpaces(phrase);
        if (!phrase.Any(char.IsLetterOrDigit)) return;
        if (_text.Count >= SearchQuery.MaxTerms)
        {
            _termsDropped = true;
            return;
        }
        _phrases.Add(phrase);
        _text.Add(phrase);
    }

    private void Narrow(DateOnly? from, DateOnly? to)
    {
        if (from is not null && (_from is null || from > _from)) _from = from;
        if (to is not null && (_to is null || to < _to)) _to = to;
        if (_from > _to) Note("The date ranges do not overlap, so no paper can match them.", always: true);
    }

    // A note that explains an empty result page (always) takes the last place when the notes are full.
    private void Note(string note, bool always = false)
    {
        if (_notes.Contains(note)) return;
        if (_notes.Count < MaxNotes) _notes.Add(note);
        else if (always) _notes[^1] = note;
    }

    /// <summary><c>A</c>, <c>A..B</c>, <c>A..</c> or <c>..B</c>, where A gives the first day and B the last; a backward range fails.</summary>
    private static bool TryRange(string value, Func<string, (DateOnly First, DateOnly Last)?> parse, out DateOnly? from, out DateOnly? to)
    {
        from = to = null;
        var dots = value.IndexOf("..", StringComparison.Ordinal);
        if (dots < 0)
        {
            if (parse(value) is not { } one) return false;
            (from, to) = (one.First, one.Last);
            return true;
        }
        var (left, right) = (value[..dots], value[(dots + 2)..]);
        if (left.Length == 0 && right.Length == 0) return false;
        if (left.Length > 0)
        {
            if (parse(left) is not { } first) return false;
            from = first.First;
        }
        if (right.Length > 0)
        {
            if (parse(right) is not { } last) return false;
            to = last.Last;
        }
        return from is null || to is null || from <= to;
    }

    private static (DateOnly, DateOnly)? Year(string text) =>
        YearPattern().IsMatch(text) && int.Parse(text, CultureInfo.InvariantCulture) is >= 1 and var y
            ? (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31))
            : null;

    private static (DateOnly, DateOnly)? Date(string text)
    {
        if (!DatePattern().IsMatch(text)) return null;
        if (text.Length == 4) return Year(text);
        if (text.Length == 7)
            return DateOnly.TryParseExact(text + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month)
                ? (month, month.AddMonths(1).AddDays(-1))
                : null;
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? (day, day) : null;
    }

    private static bool IsFilterName(ReadOnlySpan<char> name)
    {
        foreach (var c in name)
            if (!char.IsAsciiLetter(c)) return false;
        return name.Length > 0;
    }

    private static string CollapseSpaces(string s) => string.Join(' ', s.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    /// <summary>
    /// Cuts the input to <see cref="SearchQuery.MaxLength"/> and makes it safe to analyse and show: control
    /// characters and lone surrogates become spaces, typographic double quotes become plain ones.
    /// </summary>
    private string Clean(string raw)
    {
        var length = raw.Length;
        if (length > SearchQuery.MaxLength)
        {
            length = SearchQuery.MaxLength;
            if (char.IsHighSurrogate(raw[length - 1])) length--;
            Note($"The query was cut to its first {SearchQuery.MaxLength:N0} characters.");
        }
        var s = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            var c = raw[i];
            if (char.IsHighSurrogate(c) && i + 1 < length && char.IsLowSurrogate(raw[i + 1]))
            {
                s.Append(c).Append(raw[++i]);
                continue;
            }
            s.Append(c switch
            {
                '\u201C' or '\u201D' or '\u201E' => '"',
                _ when char.IsControl(c) || char.IsSurrogate(c) || c == '\uFFFD' => ' ',
                _ => c,
            });
        }
        return s.ToString().Trim();
    }
}

using System.Runtime.CompilerServices;
using Lucene.Net.Index;

namespace Paperboy.Search.Keyword;

/// <summary>
/// A segment's norm bytes for one field, copied once into an array: read per posting, Lucene's doc values cost a
/// virtual call each. Keyed by the segment's core, like <see cref="SegmentFacets"/>: norms never change.
/// </summary>
internal static class SegmentNorms
{
    private static readonly ConditionalWeakTable<object, Dictionary<string, byte[]?>> Cache = new();

    public static byte[]? For(AtomicReader reader, string field)
    {
        var fields = Cache.GetValue(reader.CoreCacheKey, _ => []);
        lock (fields)
        {
            if (fields.TryGetValue(field, out var norms)) return norms;
            var values = reader.GetNormValues(field);
            if (values is not null)
            {
                norms = new byte[reader.MaxDoc];
                for (var d = 0; d < norms.Length; d++) norms[d] = (byte)values.Get(d);
            }
            return fields[field] = norms;
        }
    }
}

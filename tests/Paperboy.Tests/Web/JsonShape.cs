using System.Text.Json;
using System.Text.Json.Nodes;

namespace Paperboy.Tests.Web;

/// <summary>
/// Compares the shape of two JSON documents: every property of <c>expected</c> must be in <c>actual</c> at the
/// same place with the same JSON type, unless its path is in <c>skipped</c>. Paths name array elements "[]":
/// <c>[].paper.authors[].user</c>. Values are not compared; extra properties in <c>actual</c> are allowed.
/// </summary>
public static class JsonShape
{
    public static List<string> Differences(JsonNode? expected, JsonNode? actual, IReadOnlySet<string> skipped)
    {
        var problems = new List<string>();
        Compare(expected, actual, "", skipped, problems);
        return problems;
    }

    private static void Compare(JsonNode? expected, JsonNode? actual, string path, IReadOnlySet<string> skipped, List<string> problems)
    {
        var want = Kind(expected);
        // A null in the real response says nothing about the type the field has when it has a value.
        if (want == "null") return;
        var got = Kind(actual);
        if (want != got)
        {
            problems.Add($"{Show(path)}: expected {want}, got {got}");
            return;
        }
        switch (expected)
        {
            case JsonObject e:
                var a = (JsonObject)actual!;
                foreach (var (name, value) in e)
                {
                    var child = path.Length == 0 ? name : $"{path}.{name}";
                    if (skipped.Contains(child)) continue;
                    if (!a.TryGetPropertyValue(name, out var other)) problems.Add($"{Show(child)}: missing");
                    else Compare(value, other, child, skipped, problems);
                }
                break;
            case JsonArray e:
                var arr = (JsonArray)actual!;
                if (e.Count != arr.Count) problems.Add($"{Show(path)}: expected {e.Count} elements, got {arr.Count}");
                for (var i = 0; i < Math.Min(e.Count, arr.Count); i++) Compare(e[i], arr[i], path + "[]", skipped, problems);
                break;
        }
    }

    private static string Kind(JsonNode? node) => node?.GetValueKind() switch
    {
        null or JsonValueKind.Null => "null",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        var k => k.ToString()!.ToLowerInvariant(),
    };

    private static string Show(string path) => path.Length == 0 ? "(root)" : path;
}

using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Paperboy.Papers;

namespace Paperboy.Recommendations;

/// <summary>The JSON of the recommendations API, written as the Hugging Face shapes are (<see cref="HfJsonContext"/>).</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(HfDateTimeConverter)])]
[JsonSerializable(typeof(List<ForYouPick>))]
public sealed partial class RecommendationJson : JsonSerializerContext
{
    public static RecommendationJson Api => s_api ??= new(new JsonSerializerOptions(Default.Options)
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    });

    private static RecommendationJson? s_api;
}

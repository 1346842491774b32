using Paperboy.Papers;

namespace Paperboy.Tests.Papers;

public class ArxivIdTests
{
    [Theory]
    [InlineData("2103.14749", "2103.14749", 0)]
    [InlineData("2103.14749v3", "2103.14749", 3)]
    [InlineData("arXiv:2103.14749v2", "2103.14749", 2)]
    [InlineData("https://arxiv.org/abs/2103.14749v2", "2103.14749", 2)]
    [InlineData("https://arxiv.org/pdf/2103.14749v1.pdf", "2103.14749", 1)]
    [InlineData("http://export.arxiv.org/abs/0704.0001", "0704.0001", 0)]
    [InlineData("hep-th/9901001", "hep-th/9901001", 0)]
    [InlineData("hep-th/9901001v2", "hep-th/9901001", 2)]
    [InlineData("math.GT/0309136", "math/0309136", 0)]
    [InlineData("oai:arXiv.org:cond-mat/0102536", "cond-mat/0102536", 0)]
    [InlineData("https://arxiv.org/abs/nucl-ex/0408020v1", "nucl-ex/0408020", 1)]
    [InlineData("1412.6980", "1412.6980", 0)]
    public void TryParse_ValidForms_GiveCanonicalIdAndVersion(string text, string id, int version)
    {
        Assert.True(ArxivId.TryParse(text, out var parsed, out var v));
        Assert.Equal(id, parsed);
        Assert.Equal(version, v);
    }

    [Theory]
    [InlineData("")]
    [InlineData("2103.1474")]        // too short
    [InlineData("2113.14749")]       // month 13
    [InlineData("1412.69801")]       // five digits before 2015
    [InlineData("1501.6980")]        // four digits from 2015
    [InlineData("0612.1234")]        // new style before April 2007
    [InlineData("2103.14749v0")]
    [InlineData("hello/world")]
    [InlineData("https://example.com/abs/2103.14749")]
    public void TryParse_InvalidForms_Fail(string text) => Assert.False(ArxivId.TryParse(text, out _, out _));
}

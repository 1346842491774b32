using Paperboy.Community.Submissions;

namespace Paperboy.Tests.Community.Submissions;

public class PaperInputTests
{
    [Theory]
    [InlineData("2103.14749", "2103.14749")]
    [InlineData("2103.14749v2", "2103.14749")]
    [InlineData("arXiv:2103.14749", "2103.14749")]
    [InlineData("ARXIV:2103.14749v3", "2103.14749")]
    [InlineData("hep-th/9901001", "hep-th/9901001")]
    [InlineData("math.GT/0309136v1", "math/0309136")]
    [InlineData("https://arxiv.org/abs/2103.14749", "2103.14749")]
    [InlineData("https://arxiv.org/abs/2103.14749v2?context=cs#section", "2103.14749")]
    [InlineData("https://arxiv.org/pdf/2103.14749v2.pdf", "2103.14749")]
    [InlineData("https://arxiv.org/pdf/2103.14749", "2103.14749")]
    [InlineData("http://export.arxiv.org/abs/hep-th/9901001v1", "hep-th/9901001")]
    [InlineData("https://browse.arxiv.org/html/2103.14749v1/", "2103.14749")]
    [InlineData("arxiv.org/abs/2103.14749.", "2103.14749")]
    [InlineData("<https://arxiv.org/abs/2103.14749>", "2103.14749")]
    [InlineData("https://huggingface.co/papers/2103.14749", "2103.14749")]
    [InlineData("https://www.alphaxiv.org/abs/2103.14749", "2103.14749")]
    [InlineData("https://arxiv.org/abs/hep-th%2F9901001", "hep-th/9901001")]
    public void TryParse_IdsAndLinks_GiveTheCanonicalId(string input, string expected)
    {
        Assert.True(PaperInput.TryParse(input, out var id));
        Assert.Equal(expected, id);
    }

    [Theory]
    [InlineData("")]
    [InlineData("paper")]
    [InlineData("2103.147")]
    [InlineData("0612.12345")]
    [InlineData("https://example.org/abs/2103.14749")]
    [InlineData("https://arxiv.org/list/cs.LG/recent")]
    [InlineData("javascript:alert(1)")]
    public void TryParse_AnythingElse_IsRefused(string input) => Assert.False(PaperInput.TryParse(input, out _));

    [Fact]
    public void TryParse_OverLongInput_IsRefused() =>
        Assert.False(PaperInput.TryParse("https://arxiv.org/abs/2103.14749?" + new string('x', PaperInput.MaxLength), out _));
}

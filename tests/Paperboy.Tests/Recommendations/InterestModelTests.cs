using Paperboy.Recommendations;

namespace Paperboy.Tests.Recommendations;

public sealed class InterestModelTests
{
    // Unit vectors along axes stand for papers on distinct subjects; "near" ones lean towards an axis.
    private static float[] Axis(int i, float lean = 0, int j = 1)
    {
        var v = new float[8];
        v[i] = 1;
        v[j] += lean;
        var norm = MathF.Sqrt(v.Sum(x => x * x));
        return v.Select(x => x / norm).ToArray();
    }

    private static readonly List<float[]> Background = Enumerable.Range(0, 8).SelectMany(i => Enumerable.Repeat(Axis(i), 5)).ToList();

    private static Candidate Paper(long id, float[] vector, string[]? authors = null, string[]? categories = null) =>
        new(id, vector, authors ?? ["Someone Else"], categories ?? ["math.CO"], 0);

    [Fact]
    public void Liked_content_ranks_its_neighbours_first_and_says_which_paper_they_are_like()
    {
        var liked = new LikedPaper(1, "Graph colouring", Axis(0), ["Ada Lovelace", "Alan Turing"], SignalKind.Saved);
        var model = InterestModel.Train([liked], [], Background, [], []);
        var near = Paper(10, Axis(0, 0.3f, 2));
        var far = Paper(11, Axis(3));
        Assert.True(model.Score(near) > model.Score(far));
        Assert.Equal("Like “Graph colouring”, which you saved", model.Explain(near).Text);
    }

    [Fact]
    public void A_shared_author_counts_and_is_the_reason_when_the_content_is_not_close()
    {
        var liked = new LikedPaper(1, "Graph colouring", Axis(0), ["José García"], SignalKind.Upvoted);
        var model = InterestModel.Train([liked], [], Background, [], []);
        var byAuthor = Paper(10, Axis(4), ["jose garcia"]);
        var stranger = Paper(11, Axis(4));
        Assert.True(model.Score(byAuthor) > model.Score(stranger));
        Assert.Equal("By jose garcia, as “Graph colouring”, which you upvoted", model.Explain(byAuthor).Text);
    }

    [Fact]
    public void Not_interested_pushes_papers_like_it_down()
    {
        var liked = new LikedPaper(1, "Graph colouring", Axis(0), [], SignalKind.Upvoted);
        var disliked = Axis(0, 1f, 5);
        var probe = Paper(10, Axis(0, 0.9f, 5));
        var plain = InterestModel.Train([liked], [], Background, [], []);
        var told = InterestModel.Train([liked], [disliked], Background, [], []);
        Assert.True(told.Score(probe) < plain.Score(probe));
    }

    [Fact]
    public void Follows_alone_make_a_model_and_read_names_as_the_search_does()
    {
        Assert.True(InterestModel.Train([], [], Background, [], []).IsEmpty);
        var model = InterestModel.Train([], [], Background, ["hinton"], ["cs"]);
        Assert.False(model.IsEmpty);
        var followed = Paper(10, Axis(1), ["Geoffrey E. Hinton"]);
        var inCategory = Paper(11, Axis(2), categories: ["cs.LG"]);
        var neither = Paper(12, Axis(3));
        Assert.True(model.Score(followed) > model.Score(inCategory));
        Assert.True(model.Score(inCategory) > model.Score(neither));
        Assert.Equal("By Geoffrey E. Hinton, whom you follow", model.Explain(followed).Text);
        Assert.Equal("New in cs, which you follow", model.Explain(inCategory).Text);
    }
}

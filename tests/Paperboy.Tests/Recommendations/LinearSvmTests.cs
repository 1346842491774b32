using Paperboy.Recommendations;

namespace Paperboy.Tests.Recommendations;

public sealed class LinearSvmTests
{
    /// <summary>
    /// The squared-hinge primal is smooth and strongly convex, so plain gradient descent reaches its one optimum; the
    /// dual coordinate descent must land on the same weights and bias.
    /// </summary>
    [Theory]
    [InlineData(0.01)]
    [InlineData(1.0)]
    public void Dual_coordinate_descent_finds_the_primal_optimum(double c)
    {
        var random = new Random(7);
        var examples = new List<(SparseVector X, bool Positive, float Weight)>();
        for (var i = 0; i < 120; i++)
        {
            var positive = i % 4 == 0; // unbalanced, as a member's papers against the rest
            var x = Enumerable.Range(0, 5).Select(d => (float)(random.NextDouble() * 2 - 1 + (positive && d < 2 ? 0.8 : 0))).ToArray();
            examples.Add((SparseVector.Dense(x), positive, i % 7 == 0 ? 3f : 1f));
        }
        var svm = LinearSvm.Train(examples, 5, c, tolerance: 1e-7, maxIterations: 20_000);

        var (w, b) = PrimalByGradientDescent(examples, 5, c);
        for (var d = 0; d < 5; d++) Assert.Equal(w[d], svm.Weights[d], 3);
        Assert.Equal(b, svm.Bias, 3);
        Assert.True(svm.Weights[0] > 0 && svm.Weights[1] > 0, "the two features that mark positives get positive weights");
    }

    [Fact]
    public void Sparse_and_dense_vectors_train_the_same_model()
    {
        var dense = new[] { (new float[] { 1, 0, 0.5f }, true), (new float[] { 0, 1, 0 }, false), (new float[] { 0.2f, 0.9f, 0 }, false) };
        var a = LinearSvm.Train(dense.Select(e => (SparseVector.Dense(e.Item1), e.Item2, 1f)).ToList(), 3, 1, 1e-8, 10_000);
        var b = LinearSvm.Train(dense.Select(e => (Sparse(e.Item1), e.Item2, 1f)).ToList(), 3, 1, 1e-8, 10_000);
        Assert.Equal(a.Weights, b.Weights, (x, y) => Math.Abs(x - y) < 1e-4);
        Assert.Equal(a.Bias, b.Bias, 4);
        Assert.True(a.Score(SparseVector.Dense([1, 0, 0.5f])) > 0);
        Assert.True(a.Score(SparseVector.Dense([0, 1, 0])) < 0);
    }

    [Fact]
    public void One_class_only_gives_a_constant_model()
    {
        var svm = LinearSvm.Train([(SparseVector.Dense([1, 2]), true, 1f)], 2, 1);
        Assert.All(svm.Weights, w => Assert.Equal(0, w));
        Assert.True(svm.Bias > 0);
    }

    private static SparseVector Sparse(float[] values)
    {
        var indices = Enumerable.Range(0, values.Length).Where(i => values[i] != 0).ToArray();
        return new SparseVector(indices, indices.Select(i => values[i]).ToArray());
    }

    /// <summary>min ½(|w|² + b²) + Σ Cᵢ max(0, 1 − yᵢ(w·xᵢ + b))², Cᵢ = C × weight × balanced class weight.</summary>
    private static (double[] W, double B) PrimalByGradientDescent(List<(SparseVector X, bool Positive, float Weight)> examples, int dims, double c)
    {
        var n = examples.Count;
        var positives = examples.Count(e => e.Positive);
        var w = new double[dims];
        double b = 0;
        for (var step = 0; step < 200_000; step++)
        {
            var gw = (double[])w.Clone();
            var gb = b;
            foreach (var (x, positive, weight) in examples)
            {
                var y = positive ? 1.0 : -1.0;
                var ci = c * weight * (positive ? n / (2.0 * positives) : n / (2.0 * (n - positives)));
                var margin = 1 - y * (Enumerable.Range(0, dims).Sum(d => w[d] * x.Values[d]) + b);
                if (margin <= 0) continue;
                for (var d = 0; d < dims; d++) gw[d] -= 2 * ci * margin * y * x.Values[d];
                gb -= 2 * ci * margin * y;
            }
            var rate = 0.5 / (1 + c * n * 12);
            for (var d = 0; d < dims; d++) w[d] -= rate * gw[d];
            b -= rate * gb;
            if (Math.Sqrt(gw.Sum(g => g * g) + gb * gb) < 1e-9) break;
        }
        return (w, b);
    }
}

namespace Paperboy.Recommendations;

/// <summary>
/// A linear support vector machine: L2-regularised, squared hinge loss, trained by dual coordinate descent (Hsieh et
/// al., ICML 2008), the solver behind liblinear and scikit-learn's <c>LinearSVC</c>, whose defaults it follows: the
/// bias is one more (regularised) weight on a constant feature of 1, and "balanced" class weights give each class
/// the same total weight whatever its size.
/// </summary>
public sealed class LinearSvm
{
    public required float[] Weights { get; init; }
    public float Bias { get; init; }
    public int Iterations { get; init; }

    public float Score(SparseVector x) => x.Dot(Weights) + Bias;

    /// <param name="examples">Feature vectors, their label (true is the class to find) and a weight per example
    /// that multiplies its class weight (1 for all, as scikit-learn).</param>
    /// <param name="dimensions">The number of features.</param>
    /// <param name="c">The cost of a margin error; smaller regularises more.</param>
    /// <param name="tolerance">Stops when the projected gradient's spread falls below it.</param>
    public static LinearSvm Train(IReadOnlyList<(SparseVector X, bool Positive, float Weight)> examples, int dimensions,
        double c, double tolerance = 1e-4, int maxIterations = 1000, int seed = 1)
    {
        var n = examples.Count;
        var w = new float[dimensions];
        float bias = 0;
        var positives = examples.Count(e => e.Positive);
        if (positives == 0 || positives == n) return new LinearSvm { Weights = w, Bias = positives == 0 ? -1 : 1 };
        // Balanced: n / (2 * class size), as scikit-learn's class_weight="balanced".
        double positiveWeight = n / (2.0 * positives), negativeWeight = n / (2.0 * (n - positives));

        var alpha = new double[n];
        var diagonal = new double[n];
        var q = new double[n];
        var y = new float[n];
        for (var i = 0; i < n; i++)
        {
            var (x, positive, weight) = examples[i];
            y[i] = positive ? 1 : -1;
            var upper = c * weight * (positive ? positiveWeight : negativeWeight);
            diagonal[i] = 0.5 / upper;
            q[i] = x.SquaredNorm() + 1 + diagonal[i];
        }
        var order = Enumerable.Range(0, n).ToArray();
        var random = new Random(seed);
        var iteration = 0;
        for (; iteration < maxIterations; iteration++)
        {
            random.Shuffle(order);
            double maxGradient = double.NegativeInfinity, minGradient = double.PositiveInfinity;
            foreach (var i in order)
            {
                var x = examples[i].X;
                var g = y[i] * (x.Dot(w) + bias) - 1 + diagonal[i] * alpha[i];
                var projected = alpha[i] == 0 ? Math.Min(g, 0) : g;
                maxGradient = Math.Max(maxGradient, projected);
                minGradient = Math.Min(minGradient, projected);
                if (Math.Abs(projected) < 1e-12) continue;
                var old = alpha[i];
                alpha[i] = Math.Max(old - g / q[i], 0);
                var step = (float)((alpha[i] - old) * y[i]);
                x.AddTo(w, step);
                bias += step;
            }
            if (maxGradient - minGradient < tolerance) break;
        }
        return new LinearSvm { Weights = w, Bias = bias, Iterations = iteration };
    }
}

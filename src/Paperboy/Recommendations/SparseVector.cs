using System.Numerics.Tensors;

namespace Paperboy.Recommendations;

/// <summary>A vector stored as its non-zero components, indices ascending.</summary>
public readonly record struct SparseVector(int[] Indices, float[] Values)
{
    public static SparseVector Dense(float[] values) => new(DenseIndices(values.Length), values);

    // A dense vector's indices are 0..n-1, so its products go through the vectorised primitives.
    private bool IsDense(float[] weights) => Indices.Length == weights.Length;

    public float Dot(float[] weights)
    {
        if (IsDense(weights)) return TensorPrimitives.Dot(Values, weights);
        var sum = 0f;
        for (var i = 0; i < Indices.Length; i++) sum += weights[Indices[i]] * Values[i];
        return sum;
    }

    public float SquaredNorm() => TensorPrimitives.SumOfSquares(Values);

    public void AddTo(float[] weights, float factor)
    {
        if (IsDense(weights))
        {
            TensorPrimitives.MultiplyAdd(Values, factor, weights, weights);
            return;
        }
        for (var i = 0; i < Indices.Length; i++) weights[Indices[i]] += factor * Values[i];
    }

    // Dense vectors of one length share one index array.
    private static int[] DenseIndices(int length)
    {
        var cached = _dense;
        if (cached.Length == length) return cached;
        return _dense = Enumerable.Range(0, length).ToArray();
    }

    private static int[] _dense = [];
}

namespace MicroGen.Ir;

/// <summary>
/// Affine quantization: real = scale * (q - zero_point). Per-tensor when there is one scale,
/// per-channel along <see cref="Axis"/> otherwise.
/// </summary>
public sealed record Quantization(EquatableArray<float> Scales, EquatableArray<long> ZeroPoints, int Axis)
{
    public bool IsPerChannel => Scales.Length > 1;

    public float Scale => Scales[0];

    public int ZeroPoint => (int)ZeroPoints[0];

    public static Quantization PerTensor(float scale, int zeroPoint) =>
        new(new[] { scale }, new long[] { zeroPoint }, 0);

    public override string ToString() => IsPerChannel
        ? $"per-channel(axis={Axis}, {Scales.Length} scales)"
        : $"s={Scale:G6}, zp={ZeroPoint}";
}

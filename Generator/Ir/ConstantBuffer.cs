namespace MicroGen.Ir;

/// <summary>Immutable constant bytes (little-endian) of a tensor, compared by content.</summary>
public sealed class ConstantBuffer : IEquatable<ConstantBuffer>
{
    private readonly byte[] _bytes;

    public ConstantBuffer(ReadOnlySpan<byte> bytes) => _bytes = bytes.ToArray();

    public int Length => _bytes.Length;

    public ReadOnlySpan<byte> Span => _bytes;

    public ReadOnlyMemory<byte> Memory => _bytes;

    public bool Equals(ConstantBuffer? other) => other is not null && _bytes.AsSpan().SequenceEqual(other._bytes);

    public override bool Equals(object? obj) => Equals(obj as ConstantBuffer);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(_bytes);
        return hash.ToHashCode();
    }
}

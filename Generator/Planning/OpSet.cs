namespace MicroGen.Planning;

/// <summary>An immutable set of operator indices (a bitset) with value equality, for the order search.</summary>
public readonly struct OpSet : IEquatable<OpSet>
{
    private readonly ulong[] _bits;

    private OpSet(ulong[] bits) => _bits = bits;

    public static OpSet Empty(int count) => new(new ulong[(count + 63) / 64]);

    public bool Contains(int op) => (_bits[op >> 6] & (1UL << (op & 63))) != 0;

    public OpSet With(int op)
    {
        var bits = (ulong[])_bits.Clone();
        bits[op >> 6] |= 1UL << (op & 63);
        return new OpSet(bits);
    }

    public bool Equals(OpSet other) => _bits.AsSpan().SequenceEqual(other._bits);

    public override bool Equals(object? obj) => obj is OpSet other && Equals(other);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var word in _bits)
        {
            hash.Add(word);
        }
        return hash.ToHashCode();
    }
}

using MicroGen.Simulator.Decode;

namespace MicroGen.Simulator.Core;

/// <summary>
/// Decoded instructions per halfword address, in 4 KB pages allocated on first execution
/// (two-level directory over the 4 GB space). An entry with Size 0 is not decoded yet.
/// </summary>
public sealed class DecodeCache
{
    public const int PageBytes = 4096;
    public const uint PageMask = PageBytes - 1;

    private readonly DecodedOp[]?[]?[] directory = new DecodedOp[]?[]?[1024];

    public DecodedOp[] PageFor(uint address)
    {
        DecodedOp[]?[] middle = directory[address >> 22] ??= new DecodedOp[]?[1024];
        return middle[(address >> 12) & 0x3FF] ??= new DecodedOp[PageBytes / 2];
    }

    /// <summary>Forgets decoded entries overlapping [address - 2, address + size) (a 32-bit encoding may start 2 bytes before).</summary>
    public void Invalidate(uint address, int size)
    {
        for (uint a = (address - 2) & ~1u; a < address + (uint)size; a += 2)
        {
            DecodedOp[]? page = directory[a >> 22]?[(a >> 12) & 0x3FF];
            if (page is not null)
            {
                page[(a & PageMask) >> 1].Size = 0;
            }
        }
    }

    /// <summary>Sets or clears the watch mark of an address (decoding keeps it through <paramref name="isWatched"/>).</summary>
    public void SetWatch(uint address, bool watched)
    {
        DecodedOp[]? page = directory[address >> 22]?[(address >> 12) & 0x3FF];
        if (page is not null)
        {
            page[(address & PageMask) >> 1].Watch = watched ? (byte)1 : (byte)0;
        }
    }
}

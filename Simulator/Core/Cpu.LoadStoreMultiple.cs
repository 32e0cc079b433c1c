using System.Numerics;

namespace MicroGen.Simulator.Core;

/// <summary>A7.7 load/store multiple, push/pop, dual, exclusive and table branch.</summary>
public sealed partial class Cpu
{
    private void LdmT1(int n, uint registers) => LoadMultiple(n, registers, (registers & (1u << n)) == 0, decrementBefore: false);

    private void StmT1(int n, uint registers) => StoreMultiple(n, registers, wback: true, decrementBefore: false);

    private void PushT1(uint registers) => StoreMultiple(13, registers, wback: true, decrementBefore: true);

    private void PopT1(uint registers) => LoadMultiple(13, registers, wback: true, decrementBefore: false);

    private void LdmT2(int n, uint registers, bool wback) => LoadMultiple(n, registers, wback, decrementBefore: false);

    private void StmT2(int n, uint registers, bool wback) => StoreMultiple(n, registers, wback, decrementBefore: false);

    private void LdmdbT1(int n, uint registers, bool wback) => LoadMultiple(n, registers, wback, decrementBefore: true);

    private void StmdbT1(int n, uint registers, bool wback) => StoreMultiple(n, registers, wback, decrementBefore: true);

    private void LoadMultiple(int n, uint registers, bool wback, bool decrementBefore)
    {
        uint count = (uint)BitOperations.PopCount(registers);
        uint start = decrementBefore ? R(n) - (4 * count) : R(n);
        uint address = start;
        uint pcValue = 0;
        Span<uint> values = stackalloc uint[16];
        for (int i = 0; i < 16; i++)
        {
            if ((registers & (1u << i)) != 0)
            {
                values[i] = Load32Aligned(address);
                address += 4;
            }
        }

        Ticks += timing.MultipleTicks(count);
        if (wback)
        {
            R(n) = decrementBefore ? start : R(n) + (4 * count);
        }

        for (int i = 0; i < 15; i++)
        {
            if ((registers & (1u << i)) != 0)
            {
                R(i) = values[i];
            }
        }

        if ((registers & 0x8000) != 0)
        {
            pcValue = values[15];
            BxWritePc(pcValue);
        }
    }

    private void StoreMultiple(int n, uint registers, bool wback, bool decrementBefore)
    {
        uint count = (uint)BitOperations.PopCount(registers);
        uint start = decrementBefore ? R(n) - (4 * count) : R(n);
        uint address = start;
        for (int i = 0; i < 16; i++)
        {
            if ((registers & (1u << i)) != 0)
            {
                Store32Aligned(address, R(i));
                address += 4;
            }
        }

        Ticks += timing.MultipleTicks(count);
        if (wback)
        {
            R(n) = decrementBefore ? start : start + (4 * count);
        }
    }

    private void LdrdImmT1(int t, int t2, int n, uint imm32, bool index, bool add, bool wback)
    {
        uint basis = n == 15 ? R(15) & ~3u : R(n);
        uint offsetAddress = add ? basis + imm32 : basis - imm32;
        uint address = index ? offsetAddress : basis;
        uint first = Load32Aligned(address);
        uint second = Load32Aligned(address + 4);
        if (wback)
        {
            R(n) = offsetAddress;
        }

        R(t) = first;
        R(t2) = second;
    }

    private void StrdImmT1(int t, int t2, int n, uint imm32, bool index, bool add, bool wback)
    {
        uint offsetAddress = add ? R(n) + imm32 : R(n) - imm32;
        uint address = index ? offsetAddress : R(n);
        Store32Aligned(address, R(t));
        Store32Aligned(address + 4, R(t2));
        if (wback)
        {
            R(n) = offsetAddress;
        }
    }

    // --- Exclusive access (single-core model: the local monitor only) ---
    private void LdrexT1(int t, int n, uint imm32)
    {
        uint address = R(n) + imm32;
        R(t) = Load32Aligned(address);
        SetExclusive(address);
    }

    private void LdrexbT1(int t, int n)
    {
        R(t) = Load8(R(n));
        SetExclusive(R(n));
    }

    private void LdrexhT1(int t, int n)
    {
        if ((R(n) & 1) != 0)
        {
            UnalignedFault(R(n));
        }

        R(t) = Load16(R(n));
        SetExclusive(R(n));
    }

    private void StrexT1(int d, int t, int n, uint imm32) => StoreExclusive(d, t, R(n) + imm32, 4);

    private void StrexbT1(int d, int t, int n) => StoreExclusive(d, t, R(n), 1);

    private void StrexhT1(int d, int t, int n) => StoreExclusive(d, t, R(n), 2);

    private void StoreExclusive(int d, int t, uint address, int size)
    {
        if ((address & (uint)(size - 1)) != 0)
        {
            UnalignedFault(address);
        }

        if (!TakeExclusive(address))
        {
            R(d) = 1;
            return;
        }

        switch (size)
        {
            case 4: Store32(address, R(t)); break;
            case 2: Store16(address, R(t)); break;
            default: Store8(address, R(t)); break;
        }

        R(d) = 0;
    }

    private void ClrexT1() => exclusiveOpen = false;

    // --- Table branch ---
    private void TbbT1(int n, int m) => BranchTo(R(15) + (2 * Load8(R(n) + R(m))));

    private void TbhT1(int n, int m) => BranchTo(R(15) + (2 * Load16(R(n) + (R(m) << 1))));
}

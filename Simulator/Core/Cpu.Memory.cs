using System.Runtime.CompilerServices;
using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Core;

/// <summary>Memory access helpers: alignment rules (A3.2), data wait states, write tracking, exclusive monitor.</summary>
public sealed partial class Cpu
{
    private bool trackWrites;
    private ulong lastLoadInstruction;
    private bool exclusiveOpen;
    private uint exclusiveAddress;

    /// <summary>Turns write tracking on (arena high-water, write observer) even without code in RAM.</summary>
    public void EnableWriteTracking() => trackWrites = true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Load32(uint address)
    {
        if ((address & 3) != 0)
        {
            CheckUnaligned(address);
        }

        LoadCost(address);
        return bus.Read32(address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Load16(uint address)
    {
        if ((address & 1) != 0)
        {
            CheckUnaligned(address);
        }

        LoadCost(address);
        return bus.Read16(address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private uint Load8(uint address)
    {
        LoadCost(address);
        return bus.Read8(address);
    }

    /// <summary>Loads pipeline on M3/M4: one that directly follows another load saves a cycle; flash adds wait states.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void LoadCost(uint address)
    {
        if (lastLoadInstruction + 1 != Instructions)
        {
            Ticks += timing.LoadNotPipelinedTicks;
        }

        lastLoadInstruction = Instructions;
        Ticks += timing.DataTicks(address);
    }

    /// <summary>Word load that must be aligned (LDM, LDRD, LDREX, exception frames).</summary>
    private uint Load32Aligned(uint address)
    {
        if ((address & 3) != 0)
        {
            UnalignedFault(address);
        }

        Ticks += timing.DataTicks(address);
        return bus.Read32(address);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store32(uint address, uint value)
    {
        if ((address & 3) != 0)
        {
            CheckUnaligned(address);
        }

        MemoryRegion? region = bus.Write32(address, value);
        if (trackWrites)
        {
            OnWrite(address, 4, region);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store16(uint address, uint value)
    {
        if ((address & 1) != 0)
        {
            CheckUnaligned(address);
        }

        MemoryRegion? region = bus.Write16(address, value);
        if (trackWrites)
        {
            OnWrite(address, 2, region);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Store8(uint address, uint value)
    {
        MemoryRegion? region = bus.Write8(address, value);
        if (trackWrites)
        {
            OnWrite(address, 1, region);
        }
    }

    private void Store32Aligned(uint address, uint value)
    {
        if ((address & 3) != 0)
        {
            UnalignedFault(address);
        }

        MemoryRegion? region = bus.Write32(address, value);
        if (trackWrites)
        {
            OnWrite(address, 4, region);
        }
    }

    private void OnWrite(uint address, int size, MemoryRegion? region)
    {
        if (region is not null && region.HoldsDecodedCode)
        {
            decodeCache.Invalidate(address, size);
        }

        Monitor?.OnWrite(this, address, size);
    }

    /// <summary>ARMv6-M faults on any unaligned access; ARMv7-M only when CCR.UNALIGN_TRP is set.</summary>
    private void CheckUnaligned(uint address)
    {
        if (IsV6M || System.UnalignedTrap)
        {
            UnalignedFault(address);
        }
    }

    private void UnalignedFault(uint address) =>
        throw new CpuFaultException(FaultReason.Unaligned, address, $"unaligned access to 0x{address:X8}");

    private void SetExclusive(uint address)
    {
        exclusiveOpen = true;
        exclusiveAddress = address;
    }

    /// <summary>Checks and clears the local exclusive monitor; true when the store may proceed.</summary>
    private bool TakeExclusive(uint address)
    {
        bool ok = exclusiveOpen && exclusiveAddress == address;
        exclusiveOpen = false;
        return ok;
    }
}

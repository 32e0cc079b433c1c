using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace MicroGen.Simulator.Memory;

/// <summary>
/// The system bus: flash/RAM regions found through a 64 KB page table (the fast path), and
/// memory-mapped peripherals searched on the slow path. Anything else is a bus error.
/// </summary>
public sealed class Bus
{
    private const int PageShift = 16;

    private readonly MemoryRegion?[] pages = new MemoryRegion?[1 << (32 - PageShift)];
    private readonly List<MemoryRegion> regions = [];
    private readonly List<MappedPeripheral> peripherals = [];

    static Bus()
    {
        if (!BitConverter.IsLittleEndian)
        {
            throw new PlatformNotSupportedException("The simulator's memory model needs a little-endian host.");
        }
    }

    public IReadOnlyList<MemoryRegion> Regions => regions;

    public void AddRegion(MemoryRegion region)
    {
        regions.Add(region);
        ulong end = (ulong)region.Origin + region.Size;
        for (ulong page = region.Origin >> PageShift; page << PageShift < end; page++)
        {
            // A page shared by two regions keeps the first one; the other is reached on the slow path.
            pages[page] ??= region;
        }
    }

    public void AddPeripheral(uint baseAddress, IPeripheral peripheral, string name) =>
        peripherals.Add(new MappedPeripheral(baseAddress, peripheral, name));

    public MemoryRegion? RegionAt(uint address)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null && region.Contains(address))
        {
            return region;
        }

        foreach (MemoryRegion candidate in regions)
        {
            if (candidate.Contains(address))
            {
                return candidate;
            }
        }

        return null;
    }

    public string? PeripheralNameAt(uint address)
    {
        foreach (MappedPeripheral p in peripherals)
        {
            if (address - p.Base < p.Device.Size)
            {
                return p.Name;
            }
        }

        return null;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read32(uint address)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null)
        {
            uint offset = address - region.Origin;
            if (offset <= region.Size - 4)
            {
                return Unsafe.ReadUnaligned<uint>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(region.Data), offset));
            }
        }

        return SlowRead(address, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read16(uint address)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null)
        {
            uint offset = address - region.Origin;
            if (offset <= region.Size - 2)
            {
                return Unsafe.ReadUnaligned<ushort>(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(region.Data), offset));
            }
        }

        return SlowRead(address, 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint Read8(uint address)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null)
        {
            uint offset = address - region.Origin;
            if (offset < region.Size)
            {
                return Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(region.Data), offset);
            }
        }

        return SlowRead(address, 1);
    }

    /// <summary>Writes and returns the region written (null for a peripheral), so the core can track code and arena writes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryRegion? Write32(uint address, uint value)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null && region.Writable)
        {
            uint offset = address - region.Origin;
            if (offset <= region.Size - 4)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(region.Data), offset), value);
                return region;
            }
        }

        return SlowWrite(address, value, 4);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryRegion? Write16(uint address, uint value)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null && region.Writable)
        {
            uint offset = address - region.Origin;
            if (offset <= region.Size - 2)
            {
                Unsafe.WriteUnaligned(ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(region.Data), offset), (ushort)value);
                return region;
            }
        }

        return SlowWrite(address, value, 2);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MemoryRegion? Write8(uint address, uint value)
    {
        MemoryRegion? region = pages[address >> PageShift];
        if (region is not null && region.Writable)
        {
            uint offset = address - region.Origin;
            if (offset < region.Size)
            {
                Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(region.Data), offset) = (byte)value;
                return region;
            }
        }

        return SlowWrite(address, value, 1);
    }

    /// <summary>Reads without side effects on peripherals (for loaders, reports and the debugger): unmapped bytes read as null.</summary>
    public bool TryPeek(uint address, Span<byte> destination)
    {
        for (int i = 0; i < destination.Length; i++)
        {
            MemoryRegion? region = RegionAt(address + (uint)i);
            if (region is null)
            {
                return false;
            }

            destination[i] = region.Data[address + (uint)i - region.Origin];
        }

        return true;
    }

    /// <summary>Writes into flash or RAM regardless of writability (ELF loading, memory patches).</summary>
    public bool TryPoke(uint address, ReadOnlySpan<byte> source)
    {
        for (int i = 0; i < source.Length; i++)
        {
            MemoryRegion? region = RegionAt(address + (uint)i);
            if (region is null)
            {
                return false;
            }

            region.Data[address + (uint)i - region.Origin] = source[i];
        }

        return true;
    }

    private uint SlowRead(uint address, int size)
    {
        MemoryRegion? region = RegionAt(address);
        if (region is not null && address - region.Origin <= region.Size - (uint)size)
        {
            uint offset = address - region.Origin;
            return size switch
            {
                4 => BitConverter.ToUInt32(region.Data, (int)offset),
                2 => BitConverter.ToUInt16(region.Data, (int)offset),
                _ => region.Data[offset],
            };
        }

        foreach (MappedPeripheral p in peripherals)
        {
            uint offset = address - p.Base;
            if (offset < p.Device.Size)
            {
                return p.Device.Read(offset, size);
            }
        }

        throw new BusErrorException(address, isWrite: false, "no memory or peripheral is mapped there");
    }

    private MemoryRegion? SlowWrite(uint address, uint value, int size)
    {
        MemoryRegion? region = RegionAt(address);
        if (region is not null && address - region.Origin <= region.Size - (uint)size)
        {
            if (!region.Writable)
            {
                throw new BusErrorException(address, isWrite: true, $"region {region.Name} is read-only");
            }

            uint offset = address - region.Origin;
            for (int i = 0; i < size; i++)
            {
                region.Data[offset + i] = (byte)(value >> (8 * i));
            }

            return region;
        }

        foreach (MappedPeripheral p in peripherals)
        {
            uint offset = address - p.Base;
            if (offset < p.Device.Size)
            {
                p.Device.Write(offset, value, size);
                return null;
            }
        }

        throw new BusErrorException(address, isWrite: true, "no memory or peripheral is mapped there");
    }
}

using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MicroGen.Simulator.Decode;
using MicroGen.Simulator.Memory;
using MicroGen.Simulator.Timing;

namespace MicroGen.Simulator.Core;

/// <summary>
/// A Cortex-M core: architectural state, the run loop and the instruction handlers. Handlers live in
/// partial files grouped as the ARM ARM groups them; the decoder and <c>Dispatch</c> are generated
/// from the *.decode tables.
/// </summary>
public sealed partial class Cpu
{
    private readonly uint[] registers = new uint[16];
    private readonly uint[] fpRegisters = new uint[32];
    private readonly Bus bus;
    private readonly CycleModel timing;
    private readonly DecodeCache decodeCache = new();
    private readonly ExceptionState exceptions;

    // APSR flags, GE bits, IT state.
    private bool n, z, c, v, q;
    private uint ge;
    private uint itState;

    // Address of the executing instruction and of the next one.
    private uint pc;
    private uint nextPc;

    public Cpu(CoreKind kind, FeatureSet features, Bus bus, CycleModel timing, ExceptionState exceptions)
    {
        Kind = kind;
        Features = features;
        this.bus = bus;
        this.timing = timing;
        this.exceptions = exceptions;
    }

    public CoreKind Kind { get; }

    public FeatureSet Features { get; }

    public Bus Bus => bus;

    public bool IsV6M => (Features & FeatureSet.V7M) == 0;

    public bool HasFpu => (Features & FeatureSet.FpV4) != 0;

    /// <summary>Modelled time in ticks (half cycles).</summary>
    public ulong Ticks { get; private set; }

    public ulong Cycles => (Ticks + 1) / 2;

    public ulong Instructions { get; private set; }

    public uint Pc => pc;

    /// <summary>Core register r0-r15 (r15 reads as the address of the next instruction to execute).</summary>
    public uint GetRegister(int index) => index == 15 ? pc : registers[index];

    public void SetRegister(int index, uint value)
    {
        if (index == 15)
        {
            pc = value & ~1u;
        }
        else
        {
            registers[index] = value;
        }
    }

    /// <summary>Raw bits of single-precision register S0-S31.</summary>
    public uint GetSingle(int index) => fpRegisters[index];

    public void SetSingle(int index, uint value) => fpRegisters[index] = value;

    /// <summary>xPSR: APSR flags and GE, EPSR T bit and IT, IPSR exception number.</summary>
    public uint Xpsr
    {
        get
        {
            uint value = (n ? 1u << 31 : 0) | (z ? 1u << 30 : 0) | (c ? 1u << 29 : 0) | (v ? 1u << 28 : 0) | (q ? 1u << 27 : 0);
            value |= (Features & FeatureSet.Dsp) != 0 ? ge << 16 : 0;
            value |= ((itState & 3) << 25) | ((itState >> 2) << 10);
            value |= thumbBit ? 1u << 24 : 0;
            return value | exceptions.CurrentException;
        }
    }

    /// <summary>Sets APSR N, Z, C, V, Q and GE from an xPSR value (reset leaves them UNKNOWN; lockstep adopts the reference's).</summary>
    public void WriteApsr(uint xpsr)
    {
        SetApsrFlags(xpsr);
        ge = (Features & FeatureSet.Dsp) != 0 ? (xpsr >> 16) & 0xF : 0;
    }

    /// <summary>Reference to a core register; the index comes from a decoded 4-bit field, so it is in range.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref uint R(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(registers), index);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private ref uint S(int index) => ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(fpRegisters), index);

    /// <summary>Flag-setting 16-bit encodings set flags only outside an IT block.</summary>
    private bool OutsideItBlock => itState == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void SetNZ(uint result)
    {
        n = (int)result < 0;
        z = result == 0;
    }

    private void SetApsrFlags(uint value)
    {
        n = (value & (1u << 31)) != 0;
        z = (value & (1u << 30)) != 0;
        c = (value & (1u << 29)) != 0;
        v = (value & (1u << 28)) != 0;
        q = (value & (1u << 27)) != 0;
    }
}

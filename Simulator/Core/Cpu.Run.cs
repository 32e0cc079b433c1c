using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using MicroGen.Simulator.Decode;
using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Core;

public sealed partial class Cpu
{
    private ulong eventTicks;
    private bool thumbBit = true;
    private bool itStateRestored;
    private StopReason stopReason;
    private FaultReport? lastFault;
    private uint lowestSp = uint.MaxValue;
    private ExecutionMonitor? monitor;

    public StopReason StopReason => stopReason;

    public FaultReport? LastFault => lastFault;

    /// <summary>The lowest value SP reached (sampled after every instruction).</summary>
    public uint LowestSp => lowestSp;

    /// <summary>Stop at the first fault instead of taking the fault exception.</summary>
    public bool StopOnFault { get; set; }

    /// <summary>Hooks for layers, writes and traces; null when nothing watches.</summary>
    public ExecutionMonitor? Monitor
    {
        get => monitor;
        set
        {
            monitor = value;
            value?.Attach(decodeCache);
            trackWrites |= value is not null && value.TracksWrites;
        }
    }

    /// <summary>Asks the run loop to stop before the next instruction.</summary>
    public void RequestStop(StopReason reason)
    {
        if (stopReason == StopReason.None)
        {
            stopReason = reason;
        }

        eventTicks = 0;
    }

    /// <summary>Makes the run loop look at pending exceptions and timers before the next instruction.</summary>
    public void RequestEventCheck() => eventTicks = 0;

    /// <summary>Runs until a stop reason is set or <paramref name="maxInstructions"/> instructions have executed in total (then returns None).</summary>
    public StopReason Run(ulong maxInstructions)
    {
        while (stopReason == StopReason.None && Instructions < maxInstructions)
        {
            try
            {
                if (Monitor is null || !Monitor.Tracing)
                {
                    RunFast(maxInstructions);
                }
                else
                {
                    RunTraced(maxInstructions);
                }
            }
            catch (CpuFaultException fault)
            {
                RaiseFault(fault.Reason, fault.Address, fault.Message);
            }
            catch (BusErrorException error)
            {
                RaiseFault(FaultReason.PreciseErr, error.Address, $"precise bus error: {error.Message}");
            }
        }

        return stopReason;
    }

    /// <summary>Executes exactly one instruction (or takes one pending exception); used by lockstep tests.</summary>
    public void Step() => Run(Instructions + 1);

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void RunFast(ulong limit)
    {
        ref uint regs = ref MemoryMarshal.GetArrayDataReference(registers);
        DecodedOp[] page = decodeCache.PageFor(pc);
        uint pageBase = pc & ~DecodeCache.PageMask;
        while (true)
        {
            if (Ticks >= eventTicks || Instructions >= limit)
            {
                if (ServiceEvents(limit))
                {
                    return;
                }
            }

            uint address = pc;
            if (address - pageBase >= DecodeCache.PageBytes)
            {
                page = decodeCache.PageFor(address);
                pageBase = address & ~DecodeCache.PageMask;
            }

            ref DecodedOp op = ref Unsafe.Add(ref MemoryMarshal.GetArrayDataReference(page), (int)((address & DecodeCache.PageMask) >> 1));
            if (op.Size == 0)
            {
                DecodeAt(address, ref op);
            }

            if (op.Watch != 0)
            {
                Monitor?.OnWatchedAddress(this, address);
            }

            nextPc = address + op.Size;
            Unsafe.Add(ref regs, 15) = address + 4;
            Ticks += op.Ticks;
            Instructions++;
            if (itState == 0)
            {
                Dispatch(ref op);
            }
            else
            {
                ExecuteInItBlock(ref op);
            }

            pc = nextPc;
            uint sp = Unsafe.Add(ref regs, 13);
            if (sp < lowestSp)
            {
                lowestSp = sp;
            }
        }
    }

    private void RunTraced(ulong limit)
    {
        Span<uint> before = stackalloc uint[16];
        while (true)
        {
            if (Ticks >= eventTicks || Instructions >= limit)
            {
                if (ServiceEvents(limit))
                {
                    return;
                }
            }

            uint address = pc;
            ref DecodedOp op = ref decodeCache.PageFor(address)[(address & DecodeCache.PageMask) >> 1];
            if (op.Size == 0)
            {
                DecodeAt(address, ref op);
            }

            if (op.Watch != 0)
            {
                Monitor?.OnWatchedAddress(this, address);
            }

            registers.CopyTo(before);
            uint xpsrBefore = Xpsr;
            nextPc = address + op.Size;
            registers[15] = address + 4;
            Ticks += op.Ticks;
            Instructions++;
            DecodedOp executed = op;
            if (itState == 0)
            {
                Dispatch(ref op);
            }
            else
            {
                ExecuteInItBlock(ref op);
            }

            pc = nextPc;
            registers[15] = before[15];
            lowestSp = Math.Min(lowestSp, registers[13]);
            Monitor!.Trace(address, executed, before, registers, xpsrBefore, Xpsr);
        }
    }

    private void ExecuteInItBlock(ref DecodedOp op)
    {
        uint state = itState;
        itStateRestored = false;
        if (ConditionPassed(state >> 4))
        {
            Dispatch(ref op);
        }

        if (itStateRestored)
        {
            itStateRestored = false;
            return;
        }

        itState = (state & 7) == 0 ? 0 : (state & 0xE0) | ((state << 1) & 0x1F);
    }

    /// <summary>Fetches and decodes the instruction at <paramref name="address"/> into its cache entry.</summary>
    private void DecodeAt(uint address, ref DecodedOp op)
    {
        uint first;
        uint raw;
        MemoryRegion? region;
        try
        {
            region = bus.RegionAt(address);
            first = region is null ? throw new BusErrorException(address, false, "no memory there") : bus.Read16(address);
            raw = DecodeTable.Is32Bit(first) ? (first << 16) | bus.Read16(address + 2) : first;
        }
        catch (BusErrorException)
        {
            throw new CpuFaultException(FaultReason.IBusErr, null, $"instruction fetch from unmapped address 0x{address:X8}");
        }

        op = default;
        op.Raw = raw;
        bool known = DecodeTable.Is32Bit(first)
            ? DecodeTable.Decode32(raw, Features, ref op)
            : DecodeTable.Decode16(raw, Features, ref op);
        if (!known)
        {
            op.Op = OpCode.Undefined;
        }

        op.Size = DecodeTable.Is32Bit(first) ? (byte)4 : (byte)2;
        op.Ticks = timing.BaseTicks(op.Op);
        op.Watch = Monitor is not null && Monitor.IsWatched(address) ? (byte)1 : (byte)0;
        if (region!.Writable && !region.HoldsDecodedCode)
        {
            region.HoldsDecodedCode = true;
            trackWrites = true;
        }
    }

    /// <summary>Slow path between instructions: stop requests, instruction limit, timers, pending exceptions, bad EPSR.T.</summary>
    /// <returns>True when the run must stop.</returns>
    private bool ServiceEvents(ulong limit)
    {
        if (stopReason != StopReason.None)
        {
            return true;
        }

        if (Instructions >= limit)
        {
            return true;
        }

        eventTicks = ulong.MaxValue;
        SysTick?.Advance(Cycles);
        if (!thumbBit)
        {
            thumbBit = true;
            throw new CpuFaultException(FaultReason.InvState, null, $"branch to 0x{pc:X8} with bit 0 clear (ARM state is not supported)");
        }

        TakePendingException();
        if (SysTick is not null)
        {
            eventTicks = Math.Min(eventTicks, SysTick.NextEventCycle * 2);
        }

        return stopReason != StopReason.None;
    }
}

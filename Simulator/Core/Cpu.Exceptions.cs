using MicroGen.Simulator.Memory;

namespace MicroGen.Simulator.Core;

/// <summary>Exception entry and return (B1.5.6-B1.5.8), banked stack pointers, faults and lockup.</summary>
public sealed partial class Cpu
{
    private const uint ExcReturnPrefix = 0xFFFF_FFE0;

    private uint otherSp;
    private bool controlSpsel;
    private bool controlNpriv;
    private bool controlFpca;

    public SystemRegisters System { get; } = new();

    public ExceptionState Exceptions => exceptions;

    public bool HandlerMode => exceptions.CurrentException != 0;

    /// <summary>CONTROL: nPRIV (bit 0), SPSEL (bit 1), FPCA (bit 2).</summary>
    public uint Control => (controlNpriv ? 1u : 0) | (controlSpsel ? 2u : 0) | (controlFpca ? 4u : 0);

    private bool UsingPsp => controlSpsel && !HandlerMode;

    public uint Msp
    {
        get => UsingPsp ? otherSp : registers[13];
        set
        {
            if (UsingPsp)
            {
                otherSp = value & ~3u;
            }
            else
            {
                registers[13] = value & ~3u;
            }
        }
    }

    public uint Psp
    {
        get => UsingPsp ? registers[13] : otherSp;
        set
        {
            if (UsingPsp)
            {
                registers[13] = value & ~3u;
            }
            else
            {
                otherSp = value & ~3u;
            }
        }
    }

    /// <summary>Reset: SP and PC from the vector table at VTOR, thread mode, MSP.</summary>
    public void Reset(uint vectorTable)
    {
        System.Vtor = vectorTable;
        registers[13] = bus.Read32(vectorTable) & ~3u;
        uint entry = bus.Read32(vectorTable + 4);
        pc = entry & ~1u;
        thumbBit = (entry & 1) != 0;
        registers[14] = 0xFFFF_FFFF;
        lowestSp = registers[13];
        eventTicks = 0;
    }

    private void WriteControl(uint value)
    {
        bool spsel = (value & 2) != 0;
        if (!HandlerMode && spsel != controlSpsel)
        {
            (registers[13], otherSp) = (otherSp, registers[13]);
        }

        controlSpsel = spsel;
        controlNpriv = (value & 1) != 0;
        controlFpca = (value & 4) != 0 && HasFpu;
    }

    /// <summary>Raises a synchronous fault at the current instruction: records CFSR/HFSR, then takes it or stops.</summary>
    private void RaiseFault(FaultReason reason, uint? address, string description)
    {
        int number = reason switch
        {
            FaultReason.UndefInstr or FaultReason.InvState or FaultReason.InvPc or FaultReason.NoCp
                or FaultReason.Unaligned or FaultReason.DivByZero => ExceptionNumber.UsageFault,
            FaultReason.PreciseErr or FaultReason.IBusErr or FaultReason.StkErr or FaultReason.UnstkErr => ExceptionNumber.BusFault,
            _ => ExceptionNumber.HardFault,
        };
        RecordFaultStatus(reason, address);
        bool escalated = false;
        if (number != ExceptionNumber.HardFault)
        {
            bool handlerEnabled = !IsV6M && (System.Shcsr & (1u << (16 + number - ExceptionNumber.MemManage))) != 0;
            if (!handlerEnabled || exceptions.GroupPriority(number) >= exceptions.ExecutionPriority())
            {
                escalated = true;
                number = ExceptionNumber.HardFault;
            }
        }

        if (escalated && !IsV6M)
        {
            System.Hfsr |= 1u << 30;
        }

        FaultKind kind = number switch
        {
            ExceptionNumber.UsageFault => FaultKind.UsageFault,
            ExceptionNumber.BusFault => FaultKind.BusFault,
            ExceptionNumber.MemManage => FaultKind.MemManage,
            _ => FaultKind.HardFault,
        };
        string where = address is uint a ? $" at address 0x{a:X8}" : string.Empty;
        lastFault = new FaultReport(kind, reason, pc, address, $"{kind} ({reason.ToString().ToUpperInvariant()}) at PC 0x{pc:X8}{where}: {description}");
        if (StopOnFault)
        {
            RequestStop(StopReason.Fault);
            return;
        }

        if (exceptions.ExecutionPriority() <= -1 && number == ExceptionNumber.HardFault)
        {
            lastFault = lastFault with { Description = lastFault.Description + " (inside HardFault/NMI: lockup)" };
            RequestStop(StopReason.Lockup);
            return;
        }

        ExceptionEntry(number, pc);
    }

    private void RecordFaultStatus(FaultReason reason, uint? address)
    {
        if (IsV6M)
        {
            return;
        }

        switch (reason)
        {
            case FaultReason.UndefInstr: System.Cfsr |= 1u << 16; break;
            case FaultReason.InvState: System.Cfsr |= 1u << 17; break;
            case FaultReason.InvPc: System.Cfsr |= 1u << 18; break;
            case FaultReason.NoCp: System.Cfsr |= 1u << 19; break;
            case FaultReason.Unaligned: System.Cfsr |= 1u << 24; break;
            case FaultReason.DivByZero: System.Cfsr |= 1u << 25; break;
            case FaultReason.IBusErr: System.Cfsr |= 1u << 8; break;
            case FaultReason.PreciseErr:
                System.Cfsr |= (1u << 9) | (1u << 15);
                System.Bfar = address ?? 0;
                break;
            case FaultReason.UnstkErr: System.Cfsr |= 1u << 11; break;
            case FaultReason.StkErr: System.Cfsr |= 1u << 12; break;
            case FaultReason.VectTbl: System.Hfsr |= 1u << 1; break;
        }
    }

    /// <summary>Pending-exception check between instructions (preemption and tail-chaining).</summary>
    private void TakePendingException()
    {
        int number = exceptions.PendingToTake();
        if (number != 0)
        {
            ExceptionEntry(number, pc);
        }
    }

    /// <summary>Stacks the context, sets LR to EXC_RETURN and jumps to the handler (B1.5.6).</summary>
    private void ExceptionEntry(int number, uint returnAddress)
    {
        bool fpFrame = controlFpca && HasFpu;
        uint frameSize = fpFrame ? 0x68u : 0x20u;
        uint sp = registers[13];
        bool realign = (sp & 4) != 0 && (System.StackAlign8 || IsV6M || fpFrame);
        uint frame = (sp - frameSize) & (realign ? ~7u : ~0u);
        uint xpsr = (Xpsr & ~(1u << 9)) | (realign ? 1u << 9 : 0);
        if (!TryPushFrame(frame, returnAddress, xpsr, fpFrame, out uint failedAddress))
        {
            lastFault = new FaultReport(FaultKind.HardFault, FaultReason.StkErr, pc, failedAddress, $"HardFault (STKERR) at PC 0x{pc:X8}: stacking for exception {number} failed at 0x{failedAddress:X8} (SP 0x{sp:X8}): lockup");
            RequestStop(StopReason.Lockup);
            return;
        }

        registers[13] = frame;
        lowestSp = Math.Min(lowestSp, frame);
        uint excReturn = ExcReturnPrefix | (fpFrame ? 0u : 0x10u) | (HandlerMode ? 0x1u : (controlSpsel ? 0xDu : 0x9u));
        if (UsingPsp)
        {
            (registers[13], otherSp) = (otherSp, registers[13]);
        }

        registers[14] = excReturn;
        exclusiveOpen = false;
        exceptions.CurrentException = (uint)number;
        exceptions.SetActive(number, true);
        exceptions.SetPending(number, false);
        itState = 0;
        controlFpca = false;
        if (HasFpu)
        {
            Fpscr = (Fpscr & 0xF800_0000) | (System.Fpdscr & 0x07C0_0000);
        }

        uint vector;
        try
        {
            vector = bus.Read32(System.Vtor + (uint)(4 * number));
        }
        catch (BusErrorException)
        {
            lastFault = new FaultReport(FaultKind.HardFault, FaultReason.VectTbl, pc, System.Vtor + (uint)(4 * number), $"HardFault (VECTTBL) at PC 0x{pc:X8}: vector table read for exception {number} failed: lockup");
            RequestStop(StopReason.Lockup);
            return;
        }

        pc = vector & ~1u;
        thumbBit = (vector & 1) != 0;
        Ticks += timing.ExceptionEntryTicks;
        eventTicks = 0;
    }

    /// <summary>Exception return through an EXC_RETURN value (B1.5.8).</summary>
    private void ExceptionReturn(uint excReturn)
    {
        int returning = (int)exceptions.CurrentException;
        uint mode = excReturn & 0xF;
        bool fpFrame = (excReturn & 0x10) == 0;
        if ((mode != 0x1 && mode != 0x9 && mode != 0xD) || (fpFrame && !HasFpu) || (excReturn & 0x0FFF_FFE0) != 0x0FFF_FFE0)
        {
            throw new CpuFaultException(FaultReason.InvPc, null, $"invalid EXC_RETURN 0x{excReturn:X8}");
        }

        exceptions.SetActive(returning, false);
        exclusiveOpen = false;
        bool toThread = mode != 0x1;
        bool toPsp = mode == 0xD;
        if (toThread && exceptions.AnyActive())
        {
            throw new CpuFaultException(FaultReason.InvPc, null, "return to thread mode with exceptions still active");
        }

        // Select the stack the frame is on: the handler ran on MSP (registers[13]).
        if (toPsp)
        {
            (registers[13], otherSp) = (otherSp, registers[13]);
        }

        controlSpsel = toPsp;
        exceptions.CurrentException = 0;
        uint frame = registers[13];
        if (!TryPopFrame(frame, fpFrame, out uint xpsr, out uint failedAddress))
        {
            lastFault = new FaultReport(FaultKind.HardFault, FaultReason.UnstkErr, pc, failedAddress, $"HardFault (UNSTKERR) at PC 0x{pc:X8}: unstacking failed at 0x{failedAddress:X8}: lockup");
            RequestStop(StopReason.Lockup);
            return;
        }

        uint frameSize = fpFrame ? 0x68u : 0x20u;
        registers[13] = (frame + frameSize) | ((xpsr & (1u << 9)) != 0 ? 4u : 0u);
        exceptions.CurrentException = toThread ? 0 : (xpsr & 0x1FF);
        SetApsrFlags(xpsr);
        ge = (xpsr >> 16) & 0xF;
        itState = ((xpsr >> 25) & 3) | (((xpsr >> 10) & 0x3F) << 2);
        itStateRestored = true;
        thumbBit = (xpsr & (1u << 24)) != 0;
        controlFpca = fpFrame;
        Ticks += timing.ExceptionReturnTicks;
        eventTicks = 0;
    }

    /// <summary>Writes the basic (and, with <paramref name="fpFrame"/>, the FP) exception frame; false on a bus error.</summary>
    private bool TryPushFrame(uint frame, uint returnAddress, uint xpsr, bool fpFrame, out uint failedAddress)
    {
        try
        {
            ReadOnlySpan<uint> basic = [registers[0], registers[1], registers[2], registers[3], registers[12], registers[14], returnAddress, xpsr];
            for (int i = 0; i < basic.Length; i++)
            {
                bus.Write32(frame + (uint)(4 * i), basic[i]);
            }

            for (int i = 0; fpFrame && i < 16; i++)
            {
                bus.Write32(frame + 32 + (uint)(4 * i), fpRegisters[i]);
            }

            if (fpFrame)
            {
                bus.Write32(frame + 96, Fpscr);
            }
        }
        catch (BusErrorException error)
        {
            failedAddress = error.Address;
            return false;
        }

        failedAddress = 0;
        return true;
    }

    /// <summary>Reads an exception frame back into r0-r3, r12, lr, the next PC and (optionally) S0-S15/FPSCR.</summary>
    private bool TryPopFrame(uint frame, bool fpFrame, out uint xpsr, out uint failedAddress)
    {
        try
        {
            ReadOnlySpan<int> targets = [0, 1, 2, 3, 12, 14];
            for (int i = 0; i < targets.Length; i++)
            {
                registers[targets[i]] = bus.Read32(frame + (uint)(4 * i));
            }

            nextPc = bus.Read32(frame + 24) & ~1u;
            xpsr = bus.Read32(frame + 28);
            for (int i = 0; fpFrame && i < 16; i++)
            {
                fpRegisters[i] = bus.Read32(frame + 32 + (uint)(4 * i));
            }

            if (fpFrame)
            {
                Fpscr = bus.Read32(frame + 96);
            }
        }
        catch (BusErrorException error)
        {
            xpsr = 0;
            failedAddress = error.Address;
            return false;
        }

        failedAddress = 0;
        return true;
    }
}

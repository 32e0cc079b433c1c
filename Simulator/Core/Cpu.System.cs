namespace MicroGen.Simulator.Core;

/// <summary>A7.7 / B5.2 system instructions: MRS, MSR, CPS, hints, barriers, IT, SVC, BKPT, UDF.</summary>
public sealed partial class Cpu
{
    /// <summary>Semihosting service for BKPT 0xAB; null when semihosting is off.</summary>
    public Semihosting.SemihostingService? Semihosting { get; set; }

    public Devices.SysTickTimer? SysTick { get; set; }

    private bool eventRegister;

    private void MrsT1(int d, uint sysm) => R(d) = ReadSpecial(sysm);

    private void MsrRegT1(int n, uint mask, uint sysm) => WriteSpecial(sysm, mask, R(n));

    private uint ReadSpecial(uint sysm) => sysm switch
    {
        <= 7 => ((sysm & 4) == 0 ? Xpsr & ((Features & Decode.FeatureSet.Dsp) != 0 ? 0xF80F_0000u : 0xF800_0000u) : 0)
            | ((sysm & 1) != 0 ? exceptions.CurrentException : 0),
        8 => Msp,
        9 => Psp,
        16 => exceptions.Primask ? 1u : 0u,
        17 or 18 when !IsV6M => exceptions.Basepri,
        19 when !IsV6M => exceptions.Faultmask ? 1u : 0u,
        20 => Control,
        _ => 0,
    };

    private void WriteSpecial(uint sysm, uint mask, uint value)
    {
        switch (sysm)
        {
            case <= 3:
                if ((mask & 2) != 0 || IsV6M)
                {
                    SetApsrFlags(value);
                }

                if ((mask & 1) != 0 && (Features & Decode.FeatureSet.Dsp) != 0)
                {
                    ge = (value >> 16) & 0xF;
                }

                break;
            case 8: Msp = value; break;
            case 9: Psp = value; break;
            case 16: exceptions.Primask = (value & 1) != 0; break;
            case 17 when !IsV6M: exceptions.Basepri = (byte)(value & exceptions.PriorityMaskBits); break;
            case 18 when !IsV6M:
                byte candidate = (byte)(value & exceptions.PriorityMaskBits);
                if (candidate != 0 && (candidate < exceptions.Basepri || exceptions.Basepri == 0))
                {
                    exceptions.Basepri = candidate;
                }

                break;
            case 19 when !IsV6M: exceptions.Faultmask = (value & 1) != 0 && exceptions.ExecutionPriority() > -1; break;
            case 20: WriteControl(HandlerMode ? (value & ~2u) | (Control & 2) : value); break;
        }

        RequestEventCheck();
    }

    private void CpsT1(bool disable, bool i, bool f)
    {
        if (i)
        {
            exceptions.Primask = disable;
        }

        if (f && !IsV6M)
        {
            exceptions.Faultmask = disable && exceptions.ExecutionPriority() > -1;
        }

        RequestEventCheck();
    }

    private void ItT1(uint firstcond, uint mask) => itState = (firstcond << 4) | mask;

    private void NopT1()
    {
    }

    private void NopT2()
    {
    }

    private void HintT1()
    {
    }

    private void YieldT1()
    {
    }

    private void YieldT2()
    {
    }

    private void DbgT1(uint option) => _ = option;

    private void DsbT1(uint option) => _ = option;

    private void DmbT1(uint option) => _ = option;

    private void IsbT1(uint option) => _ = option;

    private void SevT1() => eventRegister = true;

    private void SevT2() => eventRegister = true;

    private void WfeT1() => WaitForEvent();

    private void WfeT2() => WaitForEvent();

    private void WfiT1() => WaitForInterrupt();

    private void WfiT2() => WaitForInterrupt();

    private void WaitForEvent()
    {
        if (eventRegister)
        {
            eventRegister = false;
            return;
        }

        WaitForInterrupt();
    }

    /// <summary>Sleeps until SysTick fires (time skips ahead) or, with nothing that could wake the core, stops.</summary>
    private void WaitForInterrupt()
    {
        if (exceptions.AnyPendingEnabled())
        {
            return;
        }

        if (SysTick is not null && SysTick.InterruptEnabled)
        {
            ulong wake = SysTick.NextEventCycle * 2;
            Ticks = Math.Max(Ticks, wake);
            RequestEventCheck();
            return;
        }

        RequestStop(StopReason.SleepForever);
    }

    private void SvcT1(uint imm8)
    {
        _ = imm8;
        exceptions.SetPending(ExceptionNumber.SvCall, true);
        pc = nextPc;
        ExceptionEntry(ExceptionNumber.SvCall, nextPc);
        nextPc = pc;
    }

    private void BkptT1(uint imm8)
    {
        if (imm8 == 0xAB && Semihosting is not null)
        {
            R(0) = Semihosting.Call(this, R(0), R(1));
            return;
        }

        nextPc = pc;
        RequestStop(StopReason.Breakpoint);
    }

    private void UdfT1(uint imm8) => throw new CpuFaultException(FaultReason.UndefInstr, null, $"UDF #{imm8} (permanently undefined)");

    private void UdfT2(uint imm16) => throw new CpuFaultException(FaultReason.UndefInstr, null, $"UDF.W #{imm16} (permanently undefined)");

    /// <summary>Reads a word for semihosting parameter blocks (no timing, no fault tracking).</summary>
    public uint ReadWord(uint address) => bus.Read32(address);

    public byte ReadByte(uint address) => (byte)bus.Read8(address);

    public void WriteByte(uint address, byte value) => Store8(address, value);

    /// <summary>Cycles elapsed, for SYS_CLOCK and SYS_ELAPSED.</summary>
    public ulong ElapsedCycles => Cycles;
}

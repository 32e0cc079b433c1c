using MicroGen.Simulator.Core;
using MicroGen.Simulator.Devices.Registers;

namespace MicroGen.Simulator.Devices;

/// <summary>
/// SysTick (B3.3): a 24-bit down counter clocked by the core clock. The counter value is computed
/// from the cycle count, so time costs nothing until the next wrap.
/// </summary>
public sealed class SysTickTimer : RegisterPeripheral
{
    private readonly ExceptionState exceptions;
    private readonly Func<ulong> now;
    private readonly Action requestEventCheck;
    private bool enabled;
    private bool interrupt;
    private bool countFlag;
    private uint reload;
    private uint loadedValue;
    private ulong loadedAt;
    private ulong nextEvent = ulong.MaxValue;

    public SysTickTimer(ExceptionState exceptions, Func<ulong> now, Action requestEventCheck, uint calibration)
        : base(0x10)
    {
        this.exceptions = exceptions;
        this.now = now;
        this.requestEventCheck = requestEventCheck;
        Registers.Define((uint)Register.Csr, "SYST_CSR")
            .WithFlag(0, "ENABLE", valueProvider: () => enabled, writeCallback: value => SetEnabled(value))
            .WithFlag(1, "TICKINT", valueProvider: () => interrupt, writeCallback: value => interrupt = value)
            .WithFlag(2, "CLKSOURCE", FieldMode.Read, valueProvider: () => true)
            .WithReservedBits(3, 13)
            .WithFlag(16, "COUNTFLAG", FieldMode.Read, valueProvider: () => countFlag)
            .WithReservedBits(17, 15)
            .WithReadCallback(() =>
            {
                Advance(this.now());
                countFlag = false;
            })
            .WithWriteCallback((_, _) => Reschedule());
        Registers.Define((uint)Register.Rvr, "SYST_RVR")
            .WithValueField(0, 24, "RELOAD", valueProvider: () => reload, writeCallback: value => reload = value)
            .WithReservedBits(24, 8);
        Registers.Define((uint)Register.Cvr, "SYST_CVR")
            .WithValueField(0, 24, "CURRENT", valueProvider: CurrentValue, writeCallback: _ => ClearCurrent())
            .WithReservedBits(24, 8);
        Registers.Define((uint)Register.Calib, "SYST_CALIB", calibration)
            .WithValueField(0, 24, "TENMS", FieldMode.Read)
            .WithReservedBits(24, 6)
            .WithFlag(30, "SKEW", FieldMode.Read)
            .WithFlag(31, "NOREF", FieldMode.Read);
    }

    private enum Register : uint
    {
        Csr   = 0x0,
        Rvr   = 0x4,
        Cvr   = 0x8,
        Calib = 0xC,
    }

    public bool InterruptEnabled => enabled && interrupt && reload != 0;

    /// <summary>Cycle at which the counter next reaches zero (ulong.MaxValue when stopped).</summary>
    public ulong NextEventCycle => nextEvent;

    /// <summary>Processes every wrap up to <paramref name="cycle"/>: COUNTFLAG, and SysTick pending when TICKINT.</summary>
    public void Advance(ulong cycle)
    {
        while (nextEvent <= cycle)
        {
            countFlag = true;
            if (interrupt)
            {
                exceptions.SetPending(ExceptionNumber.SysTick, true);
            }

            nextEvent = reload == 0 ? ulong.MaxValue : nextEvent + reload + 1;
        }
    }

    private uint CurrentValue()
    {
        if (!enabled)
        {
            return loadedValue;
        }

        ulong t = now();
        Advance(t);
        if (nextEvent == ulong.MaxValue)
        {
            return 0;
        }

        ulong remaining = nextEvent - t;
        return remaining > reload ? (uint)(remaining % (reload + 1)) : (uint)remaining;
    }

    private void SetEnabled(bool value)
    {
        if (value == enabled)
        {
            return;
        }

        loadedValue = enabled ? CurrentValue() : loadedValue;
        enabled = value;
        loadedAt = now();
    }

    private void ClearCurrent()
    {
        loadedValue = 0;
        loadedAt = now();
        countFlag = false;
        Reschedule();
    }

    /// <summary>A counter at 0 reloads on the next cycle, so the first wrap comes reload+1 cycles after it was cleared.</summary>
    private void Reschedule()
    {
        if (!enabled || reload == 0)
        {
            nextEvent = ulong.MaxValue;
        }
        else
        {
            ulong first = loadedValue == 0 ? reload + 1UL : loadedValue;
            nextEvent = loadedAt + first;
            ulong t = now();
            if (nextEvent <= t)
            {
                Advance(t);
            }
        }

        requestEventCheck();
    }
}

using MicroGen.Simulator.Core;
using MicroGen.Simulator.Devices.Registers;

namespace MicroGen.Simulator.Devices;

/// <summary>
/// The System Control Space at 0xE000E000 (B3.2): NVIC, SCB (CPUID, ICSR, VTOR, AIRCR, SCR, CCR,
/// SHPR, SHCSR, fault status and address registers), CPACR, STIR and the FP context registers.
/// SysTick is a separate device mapped over 0xE000E010.
/// </summary>
public sealed class SystemControlSpace : RegisterPeripheral
{
    public const uint BaseAddress = 0xE000_E000;

    private readonly SystemRegisters system;
    private readonly ExceptionState exceptions;
    private readonly Action requestEventCheck;

    public SystemControlSpace(SystemRegisters system, ExceptionState exceptions, uint cpuid, bool v6m, bool hasFpu, Action requestEventCheck)
        : base(0x1000)
    {
        this.system = system;
        this.exceptions = exceptions;
        this.requestEventCheck = requestEventCheck;
        DefineNvic();
        DefineScb(cpuid);
        if (!v6m)
        {
            DefineFaultStatus();
        }

        if (hasFpu)
        {
            DefineFloatingPoint();
        }
    }

    private enum Register : uint
    {
        Ictr   = 0x004,
        Actlr  = 0x008,
        Iser   = 0x100,
        Icer   = 0x180,
        Ispr   = 0x200,
        Icpr   = 0x280,
        Iabr   = 0x300,
        Ipr    = 0x400,
        Cpuid  = 0xD00,
        Icsr   = 0xD04,
        Vtor   = 0xD08,
        Aircr  = 0xD0C,
        Scr    = 0xD10,
        Ccr    = 0xD14,
        Shpr1  = 0xD18,
        Shpr2  = 0xD1C,
        Shpr3  = 0xD20,
        Shcsr  = 0xD24,
        Cfsr   = 0xD28,
        Hfsr   = 0xD2C,
        Dfsr   = 0xD30,
        Mmfar  = 0xD34,
        Bfar   = 0xD38,
        Afsr   = 0xD3C,
        Cpacr  = 0xD88,
        Demcr  = 0xDFC,
        Stir   = 0xF00,
        Fpccr  = 0xF34,
        Fpcar  = 0xF38,
        Fpdscr = 0xF3C,
        Mvfr0  = 0xF40,
        Mvfr1  = 0xF44,
    }

    private void DefineNvic()
    {
        int words = (exceptions.InterruptCount + 31) / 32;
        Registers.Define((uint)Register.Ictr, "ICTR").WithValueField(0, 4, "INTLINESNUM", FieldMode.Read, () => (uint)Math.Max(0, words - 1)).WithReservedBits(4, 28);
        Registers.Define((uint)Register.Actlr, "ACTLR").WithTag("ACTLR", 0, 32);
        for (int w = 0; w < words; w++)
        {
            int first = ExceptionNumber.FirstInterrupt + (32 * w);
            DefineInterruptBits((uint)Register.Iser + (uint)(4 * w), $"NVIC_ISER{w}", first, exceptions.IsEnabled, n => exceptions.SetEnabled(n, true));
            DefineInterruptBits((uint)Register.Icer + (uint)(4 * w), $"NVIC_ICER{w}", first, exceptions.IsEnabled, n => exceptions.SetEnabled(n, false));
            DefineInterruptBits((uint)Register.Ispr + (uint)(4 * w), $"NVIC_ISPR{w}", first, exceptions.IsPending, n => exceptions.SetPending(n, true));
            DefineInterruptBits((uint)Register.Icpr + (uint)(4 * w), $"NVIC_ICPR{w}", first, exceptions.IsPending, n => exceptions.SetPending(n, false));
            DefineInterruptBits((uint)Register.Iabr + (uint)(4 * w), $"NVIC_IABR{w}", first, exceptions.IsActive, null);
        }

        for (int i = 0; i < exceptions.InterruptCount; i += 4)
        {
            DefinePriorityWord((uint)Register.Ipr + (uint)i, $"NVIC_IPR{i / 4}", ExceptionNumber.FirstInterrupt + i);
        }
    }

    private void DefineInterruptBits(uint offset, string name, int firstException, Func<int, bool> state, Action<int>? onWriteOne)
    {
        DeviceRegister register = Registers.Define(offset, name);
        for (int bit = 0; bit < 32; bit++)
        {
            int number = firstException + bit;
            if (number >= exceptions.Count)
            {
                register.WithReservedBits(bit, 32 - bit);
                break;
            }

            register.WithFlag(bit, $"{name}[{bit}]", onWriteOne is null ? FieldMode.Read : FieldMode.ReadWrite, () => state(number), value =>
            {
                if (value)
                {
                    onWriteOne?.Invoke(number);
                }
            });
        }

        register.WithWriteCallback((_, _) => requestEventCheck());
    }

    private void DefinePriorityWord(uint offset, string name, int firstException)
    {
        DeviceRegister register = Registers.Define(offset, name);
        for (int b = 0; b < 4; b++)
        {
            int number = firstException + b;
            if (number >= exceptions.Count || number < ExceptionNumber.MemManage || number is 7 or 8 or 9 or 10 or 13)
            {
                register.WithReservedBits(8 * b, 8);
                continue;
            }

            register.WithValueField(8 * b, 8, $"PRI_{number}", valueProvider: () => exceptions.GetPriority(number), writeCallback: value => exceptions.SetPriority(number, (byte)value));
        }

        register.WithWriteCallback((_, _) => requestEventCheck());
    }

    private void DefineScb(uint cpuid)
    {
        Registers.Define((uint)Register.Cpuid, "CPUID", cpuid).WithValueField(0, 32, "CPUID", FieldMode.Read);
        Registers.Define((uint)Register.Icsr, "ICSR")
            .WithValueField(0, 9, "VECTACTIVE", FieldMode.Read, () => exceptions.CurrentException)
            .WithReservedBits(9, 2)
            .WithFlag(11, "RETTOBASE", FieldMode.Read, () => exceptions.CurrentException != 0 && ActiveCount() == 1)
            .WithValueField(12, 9, "VECTPENDING", FieldMode.Read, () => (uint)HighestPending())
            .WithReservedBits(21, 1)
            .WithFlag(22, "ISRPENDING", FieldMode.Read, () => AnyInterruptPending())
            .WithReservedBits(23, 2)
            .WithFlag(25, "PENDSTCLR", FieldMode.Write, writeCallback: v => ClearPendingIf(v, ExceptionNumber.SysTick))
            .WithFlag(26, "PENDSTSET", valueProvider: () => exceptions.IsPending(ExceptionNumber.SysTick), writeCallback: v => SetPendingIf(v, ExceptionNumber.SysTick))
            .WithFlag(27, "PENDSVCLR", FieldMode.Write, writeCallback: v => ClearPendingIf(v, ExceptionNumber.PendSv))
            .WithFlag(28, "PENDSVSET", valueProvider: () => exceptions.IsPending(ExceptionNumber.PendSv), writeCallback: v => SetPendingIf(v, ExceptionNumber.PendSv))
            .WithReservedBits(29, 2)
            .WithFlag(31, "NMIPENDSET", valueProvider: () => exceptions.IsPending(ExceptionNumber.Nmi), writeCallback: v => SetPendingIf(v, ExceptionNumber.Nmi))
            .WithWriteCallback((_, _) => requestEventCheck());
        Registers.Define((uint)Register.Vtor, "VTOR")
            .WithReservedBits(0, 7)
            .WithValueField(7, 25, "TBLOFF", valueProvider: () => system.Vtor >> 7, writeCallback: v => system.Vtor = v << 7);
        Registers.Define((uint)Register.Aircr, "AIRCR")
            .WithTaggedFlag("VECTRESET", 0)
            .WithTaggedFlag("VECTCLRACTIVE", 1)
            .WithTaggedFlag("SYSRESETREQ", 2)
            .WithReservedBits(3, 5)
            .WithValueField(8, 3, "PRIGROUP", valueProvider: () => (uint)exceptions.PriorityGroup)
            .WithReservedBits(11, 4)
            .WithFlag(15, "ENDIANNESS", FieldMode.Read)
            .WithValueField(16, 16, "VECTKEY", valueProvider: () => 0xFA05)
            .WithWriteCallback((_, value) => WriteAircr(value));
        Registers.Define((uint)Register.Scr, "SCR")
            .WithReservedBits(0, 1)
            .WithFlag(1, "SLEEPONEXIT", valueProvider: () => (system.Scr & 2) != 0, writeCallback: v => system.Scr = (system.Scr & ~2u) | (v ? 2u : 0))
            .WithTaggedFlag("SLEEPDEEP", 2)
            .WithReservedBits(3, 1)
            .WithFlag(4, "SEVONPEND", valueProvider: () => (system.Scr & 0x10) != 0, writeCallback: v => system.Scr = (system.Scr & ~0x10u) | (v ? 0x10u : 0))
            .WithReservedBits(5, 27);
        Registers.Define((uint)Register.Ccr, "CCR")
            .WithValueField(0, 32, "CCR", valueProvider: () => system.Ccr, writeCallback: v => system.Ccr = (v & 0x31B) | (1u << 9));
        for (int i = 0; i < 3; i++)
        {
            DefinePriorityWord((uint)Register.Shpr1 + (uint)(4 * i), $"SHPR{i + 1}", ExceptionNumber.MemManage + (4 * i));
        }

        Registers.Define((uint)Register.Shcsr, "SHCSR")
            .WithValueField(0, 32, "SHCSR", valueProvider: () => system.Shcsr, writeCallback: v => system.Shcsr = v & 0x0007_0000);
    }

    private void DefineFaultStatus()
    {
        Registers.Define((uint)Register.Cfsr, "CFSR")
            .WithValueField(0, 32, "CFSR", FieldMode.WriteOneToClear, () => system.Cfsr, v => system.Cfsr &= ~v);
        Registers.Define((uint)Register.Hfsr, "HFSR")
            .WithValueField(0, 32, "HFSR", FieldMode.WriteOneToClear, () => system.Hfsr, v => system.Hfsr &= ~v);
        Registers.Define((uint)Register.Dfsr, "DFSR").WithTag("DFSR", 0, 32);
        Registers.Define((uint)Register.Mmfar, "MMFAR").WithValueField(0, 32, "ADDRESS", valueProvider: () => system.Mmfar, writeCallback: v => system.Mmfar = v);
        Registers.Define((uint)Register.Bfar, "BFAR").WithValueField(0, 32, "ADDRESS", valueProvider: () => system.Bfar, writeCallback: v => system.Bfar = v);
        Registers.Define((uint)Register.Afsr, "AFSR").WithTag("AFSR", 0, 32);
        Registers.Define((uint)Register.Demcr, "DEMCR").WithTag("DEMCR", 0, 32);
        Registers.Define((uint)Register.Stir, "STIR")
            .WithValueField(0, 9, "INTID", FieldMode.Write, writeCallback: v => SetPendingIf(true, ExceptionNumber.FirstInterrupt + (int)v))
            .WithReservedBits(9, 23)
            .WithWriteCallback((_, _) => requestEventCheck());
    }

    private void DefineFloatingPoint()
    {
        Registers.Define((uint)Register.Cpacr, "CPACR")
            .WithReservedBits(0, 20)
            .WithValueField(20, 4, "CP10_CP11", valueProvider: () => (system.Cpacr >> 20) & 0xF, writeCallback: v => system.Cpacr = v << 20)
            .WithReservedBits(24, 8);
        Registers.Define((uint)Register.Fpccr, "FPCCR")
            .WithValueField(0, 32, "FPCCR", valueProvider: () => system.Fpccr, writeCallback: v => system.Fpccr = v & 0xC000_0000);
        Registers.Define((uint)Register.Fpcar, "FPCAR")
            .WithValueField(0, 32, "ADDRESS", valueProvider: () => system.Fpcar, writeCallback: v => system.Fpcar = v & ~7u);
        Registers.Define((uint)Register.Fpdscr, "FPDSCR")
            .WithValueField(0, 32, "FPDSCR", valueProvider: () => system.Fpdscr, writeCallback: v => system.Fpdscr = v & 0x07C0_0000);
        Registers.Define((uint)Register.Mvfr0, "MVFR0", 0x1011_0021).WithValueField(0, 32, "MVFR0", FieldMode.Read);
        Registers.Define((uint)Register.Mvfr1, "MVFR1", 0x1100_0011).WithValueField(0, 32, "MVFR1", FieldMode.Read);
    }

    private void WriteAircr(uint value)
    {
        if (value >> 16 == 0x05FA)
        {
            exceptions.PriorityGroup = (int)((value >> 8) & 7);
        }
    }

    private void SetPendingIf(bool value, int number)
    {
        if (value && number < exceptions.Count)
        {
            exceptions.SetPending(number, true);
        }
    }

    private void ClearPendingIf(bool value, int number)
    {
        if (value)
        {
            exceptions.SetPending(number, false);
        }
    }

    private int ActiveCount()
    {
        int count = 0;
        for (int i = 1; i < exceptions.Count; i++)
        {
            count += exceptions.IsActive(i) ? 1 : 0;
        }

        return count;
    }

    private int HighestPending()
    {
        int best = 0;
        for (int i = 1; i < exceptions.Count; i++)
        {
            if (exceptions.IsPending(i) && (best == 0 || exceptions.PriorityOf(i) < exceptions.PriorityOf(best)))
            {
                best = i;
            }
        }

        return best;
    }

    private bool AnyInterruptPending()
    {
        for (int i = ExceptionNumber.FirstInterrupt; i < exceptions.Count; i++)
        {
            if (exceptions.IsPending(i))
            {
                return true;
            }
        }

        return false;
    }
}

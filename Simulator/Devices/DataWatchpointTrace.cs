using MicroGen.Simulator.Devices.Registers;

namespace MicroGen.Simulator.Devices;

/// <summary>DWT at 0xE0001000: CTRL.CYCCNTENA and CYCCNT, which counts the modelled cycles.</summary>
public sealed class DataWatchpointTrace : RegisterPeripheral
{
    public const uint BaseAddress = 0xE000_1000;

    private readonly Func<ulong> now;
    private bool counting;
    private uint countAtStart;
    private ulong startCycle;

    public DataWatchpointTrace(Func<ulong> now)
        : base(0x1000)
    {
        this.now = now;
        Registers.Define((uint)Register.Ctrl, "DWT_CTRL", 0x4000_0000)
            .WithFlag(0, "CYCCNTENA", valueProvider: () => counting, writeCallback: SetCounting)
            .WithTag("POSTPRESET", 1, 4)
            .WithTag("POSTINIT", 5, 4)
            .WithTag("CYCTAP", 9, 1)
            .WithTag("SYNCTAP", 10, 2)
            .WithTag("PCSAMPLENA", 12, 1)
            .WithReservedBits(13, 3)
            .WithTag("EVTENA", 16, 7)
            .WithReservedBits(23, 5)
            .WithValueField(28, 4, "NUMCOMP", FieldMode.Read);
        Registers.Define((uint)Register.Cyccnt, "DWT_CYCCNT")
            .WithValueField(0, 32, "CYCCNT", valueProvider: Current, writeCallback: value =>
            {
                countAtStart = value;
                startCycle = now();
            });
    }

    private enum Register : uint
    {
        Ctrl   = 0x000,
        Cyccnt = 0x004,
    }

    private uint Current() => counting ? countAtStart + (uint)(now() - startCycle) : countAtStart;

    private void SetCounting(bool value)
    {
        if (value == counting)
        {
            return;
        }

        countAtStart = Current();
        startCycle = now();
        counting = value;
    }
}

using MicroGen.Simulator.Core;

namespace MicroGen.Simulator.Devices;

/// <summary>A device's connection to one NVIC input; a high level keeps the interrupt pending.</summary>
public sealed class InterruptLine
{
    private readonly ExceptionState? exceptions;
    private readonly int number;
    private readonly Action requestEventCheck;

    public InterruptLine(ExceptionState? exceptions, int? irq, Action requestEventCheck)
    {
        this.exceptions = exceptions;
        number = irq is int i ? ExceptionNumber.FirstInterrupt + i : -1;
        this.requestEventCheck = requestEventCheck;
    }

    /// <summary>An unconnected line: levels are ignored.</summary>
    public static InterruptLine None { get; } = new(null, null, () => { });

    public void Set(bool level)
    {
        if (level && exceptions is not null && number >= 0 && number < exceptions.Count && !exceptions.IsPending(number))
        {
            exceptions.SetPending(number, true);
            requestEventCheck();
        }
    }
}

namespace MicroGen.Simulator.Core;

/// <summary>
/// The NVIC and system-handler state: pending, active and enabled flags and priorities of every
/// exception, the priority masks, and the rules that pick the exception to take (B1.5.4).
/// </summary>
public sealed class ExceptionState
{
    private readonly bool[] pending;
    private readonly bool[] active;
    private readonly bool[] enabled;
    private readonly byte[] priority;
    private readonly byte priorityMask;

    public ExceptionState(int interruptCount, int priorityBits)
    {
        int count = ExceptionNumber.FirstInterrupt + interruptCount;
        pending = new bool[count];
        active = new bool[count];
        enabled = new bool[count];
        priority = new byte[count];
        priorityMask = (byte)(0xFF << (8 - priorityBits));
        for (int i = 1; i < ExceptionNumber.FirstInterrupt; i++)
        {
            enabled[i] = true;
        }
    }

    public int Count => pending.Length;

    public int InterruptCount => pending.Length - ExceptionNumber.FirstInterrupt;

    /// <summary>IPSR: the exception being handled, 0 in thread mode.</summary>
    public uint CurrentException { get; set; }

    public bool Primask { get; set; }

    public bool Faultmask { get; set; }

    public byte Basepri { get; set; }

    /// <summary>AIRCR.PRIGROUP: the low PRIGROUP+1 priority bits are sub-priority and do not preempt.</summary>
    public int PriorityGroup { get; set; }

    public byte PriorityMaskBits => priorityMask;

    public bool IsPending(int number) => pending[number];

    public bool IsActive(int number) => active[number];

    public bool IsEnabled(int number) => enabled[number];

    public void SetPending(int number, bool value) => pending[number] = value;

    public void SetActive(int number, bool value) => active[number] = value;

    public void SetEnabled(int number, bool value) => enabled[number] = value;

    public byte GetPriority(int number) => priority[number];

    public void SetPriority(int number, byte value) => priority[number] = (byte)(value & priorityMask);

    public bool AnyActive()
    {
        foreach (bool a in active)
        {
            if (a)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Priority of an exception, fixed for Reset, NMI and HardFault.</summary>
    public int PriorityOf(int number) => number switch
    {
        ExceptionNumber.Reset => -3,
        ExceptionNumber.Nmi => -2,
        ExceptionNumber.HardFault => -1,
        _ => priority[number],
    };

    /// <summary>The group priority used for preemption decisions.</summary>
    public int GroupPriority(int number)
    {
        int p = PriorityOf(number);
        return p < 0 ? p : p & ~((1 << (PriorityGroup + 1)) - 1);
    }

    /// <summary>The current execution priority: lowest active group priority, boosted by the masks.</summary>
    public int ExecutionPriority()
    {
        int result = 256;
        for (int i = 1; i < active.Length; i++)
        {
            if (active[i])
            {
                result = Math.Min(result, GroupPriority(i));
            }
        }

        if (Basepri != 0)
        {
            result = Math.Min(result, Basepri & ~((1 << (PriorityGroup + 1)) - 1));
        }

        if (Primask)
        {
            result = Math.Min(result, 0);
        }

        if (Faultmask)
        {
            result = Math.Min(result, -1);
        }

        return result;
    }

    /// <summary>The pending, enabled exception with the highest priority that can preempt now, or 0.</summary>
    public int PendingToTake()
    {
        int best = 0;
        int bestPriority = int.MaxValue;
        for (int i = 1; i < pending.Length; i++)
        {
            if (pending[i] && enabled[i] && PriorityOf(i) < bestPriority)
            {
                best = i;
                bestPriority = PriorityOf(i);
            }
        }

        return best != 0 && GroupPriority(best) < ExecutionPriority() ? best : 0;
    }

    /// <summary>True when some enabled exception is pending (WFI wakes even when it cannot preempt because of PRIMASK).</summary>
    public bool AnyPendingEnabled()
    {
        for (int i = 1; i < pending.Length; i++)
        {
            if (pending[i] && enabled[i])
            {
                return true;
            }
        }

        return false;
    }
}

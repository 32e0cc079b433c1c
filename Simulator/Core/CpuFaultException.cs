namespace MicroGen.Simulator.Core;

/// <summary>
/// Aborts the current instruction with a synchronous fault. Caught by the run loop, which takes the
/// fault exception (or stops); it never leaves the simulator.
/// </summary>
public sealed class CpuFaultException : Exception
{
    public CpuFaultException(FaultReason reason, uint? address, string description)
        : base(description)
    {
        Reason = reason;
        Address = address;
    }

    public FaultReason Reason { get; }

    public uint? Address { get; }
}

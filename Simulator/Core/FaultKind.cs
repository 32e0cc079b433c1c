namespace MicroGen.Simulator.Core;

/// <summary>The architectural fault exception a fault was reported as (after escalation).</summary>
public enum FaultKind
{
    HardFault,
    MemManage,
    BusFault,
    UsageFault,
}

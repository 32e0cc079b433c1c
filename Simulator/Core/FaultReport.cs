namespace MicroGen.Simulator.Core;

/// <summary>A fault the firmware caused: the exception it became, why, where, and at which address.</summary>
/// <param name="Kind">The fault exception (HardFault, MemManage, BusFault, UsageFault).</param>
/// <param name="Reason">The CFSR/HFSR cause.</param>
/// <param name="Pc">Address of the faulting instruction.</param>
/// <param name="Address">The faulting data address (BFAR/MMFAR) when the fault has one.</param>
/// <param name="Description">One readable sentence for the report.</param>
public sealed record FaultReport(FaultKind Kind, FaultReason Reason, uint Pc, uint? Address, string Description);

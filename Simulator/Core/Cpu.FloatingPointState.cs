namespace MicroGen.Simulator.Core;

/// <summary>FPU state: FPSCR and the CPACR access check (B3.2.20).</summary>
public sealed partial class Cpu
{
    /// <summary>FPSCR: N Z C V (31:28), AHP (26), DN (25), FZ (24), RMode (23:22), cumulative exception flags (7, 4:0).</summary>
    public uint Fpscr { get; set; }

    /// <summary>False (after raising UsageFault NOCP) when the core has no FPU or CP10/CP11 are not enabled in CPACR.</summary>
    private bool FpAccessAllowed()
    {
        if (!HasFpu || !System.FpAccessEnabled)
        {
            throw new CpuFaultException(FaultReason.NoCp, null, HasFpu
                ? "floating-point instruction with CP10/CP11 disabled in CPACR"
                : $"floating-point instruction on {Kind} without an FPU");
        }

        controlFpca = true;
        return true;
    }
}

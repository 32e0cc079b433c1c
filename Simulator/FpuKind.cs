namespace MicroGen.Simulator;

/// <summary>The floating-point unit of a core.</summary>
public enum FpuKind
{
    None,

    /// <summary>FPv4-SP (Cortex-M4F).</summary>
    FpV4Sp,

    /// <summary>FPv5-SP (Cortex-M7 single precision, Cortex-M33).</summary>
    FpV5Sp,
}

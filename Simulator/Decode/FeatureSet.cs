namespace MicroGen.Simulator.Decode;

/// <summary>Architecture features an encoding requires; a core accepts only the encodings of its set.</summary>
[Flags]
public enum FeatureSet
{
    None = 0,

    /// <summary>ARMv6-M: Thumb 16-bit plus BL, MSR, MRS, DMB, DSB, ISB, UDF.W.</summary>
    V6M = 1,

    /// <summary>ARMv7-M Thumb-2 (Cortex-M3 and up).</summary>
    V7M = 2,

    /// <summary>ARMv7E-M DSP extension (Cortex-M4, M7, optional on M33).</summary>
    Dsp = 4,

    /// <summary>FPv4-SP single-precision floating point (Cortex-M4F).</summary>
    FpV4 = 8,

    /// <summary>FPv5-SP additions (Cortex-M7 and M33: VMAXNM, VRINT, VSEL, VCVTA...).</summary>
    FpV5 = 16,

    /// <summary>ARMv8-M Mainline additions (Cortex-M33).</summary>
    V8M = 32,
}

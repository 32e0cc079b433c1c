namespace MicroGen.Ops.Fast;

/// <summary>How an optimised kernel turns accumulators into int8 outputs (MG_MODE_* in mg_fast.h).</summary>
public enum FastRequantization
{
    /// <summary>Fast requantization, output clamped to [-128, 127] only (SSAT).</summary>
    Full,

    /// <summary>Fast requantization, clamp to the activation range.</summary>
    Clamp,

    /// <summary>TFLite's MultiplyByQuantizedMultiplier, clamp to the activation range.</summary>
    Exact,
}

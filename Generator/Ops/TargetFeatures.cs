namespace MicroGen.Ops;

/// <summary>What the kernels may use on the target: decides kernel variants and therefore scratch sizes.</summary>
public sealed record TargetFeatures(bool Dsp, bool Fpu)
{
    /// <summary>Portable C only (no DSP extension): Cortex-M0+/M3 and the host.</summary>
    public static TargetFeatures Portable { get; } = new(false, false);
}

namespace MicroGen.Ops;

/// <summary>
/// What the kernels may use on the target: decides kernel variants and therefore scratch sizes. <see cref="Kernels"/>
/// chooses between the optimised kernels and the plain portable ones (the baseline they are measured against).
/// <see cref="FlashBytes"/> is the code region's size (what optimisations that add constant data must leave room in).
/// <see cref="PointerBytes"/> sizes scratch that holds addresses (4 on Cortex-M, 8 on a 64-bit host).
/// </summary>
public sealed record TargetFeatures(bool Dsp, bool Fpu, KernelChoice Kernels = KernelChoice.Auto, long FlashBytes = long.MaxValue,
    int PointerBytes = 4)
{
    /// <summary>Portable C only (no DSP extension): Cortex-M0+/M3 and the host.</summary>
    public static TargetFeatures Portable { get; } = new(false, false);

    /// <summary>The same target with another kernel choice.</summary>
    public TargetFeatures WithKernels(KernelChoice kernels) => this with { Kernels = kernels };
}

namespace MicroGen.Ops;

/// <summary>Which C kernels the operators lower to.</summary>
public enum KernelChoice
{
    /// <summary>
    /// The optimised kernels (DSP where the core has it, optimised portable C otherwise) where they apply, as long as
    /// the code they add stays within a fifth of the model's weight bytes; the plain portable kernels elsewhere.
    /// </summary>
    Auto,

    /// <summary>The plain portable kernels (TFLM-reference loops) only: the baseline.</summary>
    Reference,

    /// <summary>The optimised kernels wherever they apply, whatever code they add (conformance tests).</summary>
    Optimized,
}

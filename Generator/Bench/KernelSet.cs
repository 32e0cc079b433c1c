namespace MicroGen.Bench;

/// <summary>Which C kernels a bench measurement lowered the layers to.</summary>
public enum KernelSet
{
    /// <summary>The kernels MicroGen picks for the board (DSP where the core has it, optimised portable C otherwise).</summary>
    Optimized,

    /// <summary>The plain portable kernels (TFLM-reference loops): the baseline.</summary>
    Portable,
}

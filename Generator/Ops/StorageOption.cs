namespace MicroGen.Ops;

/// <summary>
/// One way to run an operator as far as memory is concerned: where its output may live relative to input
/// <see cref="InputIndex"/>, and the kernel scratch bytes that this way needs. The planner picks one option
/// per operator; the emitter calls the kernel variant that matches it. <see cref="Variant"/> tells apart options of
/// the same mode that different kernels realise (empty: the operator's usual kernel).
/// </summary>
public sealed record StorageOption(StorageMode Mode, int InputIndex, long ScratchBytes, long OutputOffsetFromInput = 0, string Variant = "")
{
    public static StorageOption Separate(long scratchBytes = 0) => new(StorageMode.Separate, -1, scratchBytes);
}

namespace MicroGen.Verify;

/// <summary>One set of model inputs to verify with, and where it came from ("seed 1", "input.npy").</summary>
public sealed record InputCase(string Label, IReadOnlyList<byte[]> Inputs);

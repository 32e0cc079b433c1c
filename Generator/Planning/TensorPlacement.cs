namespace MicroGen.Planning;

/// <summary>A tensor stored inside a buffer, starting <see cref="Offset"/> bytes into it.</summary>
public sealed record TensorPlacement(int Tensor, long Offset);

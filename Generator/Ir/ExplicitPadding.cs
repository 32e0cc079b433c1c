namespace MicroGen.Ir;

/// <summary>Padding given as row and column counts on each side (ONNX pads, or a PAD folded into a convolution).</summary>
public sealed record ExplicitPadding(int Top, int Bottom, int Left, int Right);

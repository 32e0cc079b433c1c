namespace MicroGen.Tests.Import.Onnx;

/// <summary>How MicroGen's outputs compare with ONNX Runtime's on one model (Saturated, DistinctValues: of ONNX Runtime's integer outputs).</summary>
internal sealed record Agreement(string Op, long Compared, long Differing, int MaxLsb, double MaxFloatDifference, long Saturated, int DistinctValues);

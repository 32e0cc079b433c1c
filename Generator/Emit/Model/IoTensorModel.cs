namespace MicroGen.Emit.Model;

/// <summary>A model input or output as mg_tensor_info describes it; it lives in the arena at Offset.</summary>
public sealed record IoTensorModel(string Name, long Offset, long Bytes, string TypeEnum, int Rank, IReadOnlyList<int> Shape, string Scale, int ZeroPoint);

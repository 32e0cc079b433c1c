namespace MicroGen.Emit.Model;

/// <summary>
/// One layer of the patch stage: its distinct parameter blocks (patches with the same geometry share one) and, per
/// patch, which block it uses; operands point into the patch buffers.
/// </summary>
public sealed record PatchLayerModel(
    int Operator,
    string OpName,
    string Symbol,
    string Function,
    string ParamsType,
    IReadOnlyList<IReadOnlyList<FieldModel>> Blocks,
    IReadOnlyList<int> BlockOfPatch,
    IReadOnlyList<OperandModel> Operands);

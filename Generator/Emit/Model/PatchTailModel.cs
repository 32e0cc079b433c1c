namespace MicroGen.Emit.Model;

/// <summary>
/// A patch stage's reduction tail as the template writes it: one parameter block for the {Function}_start /
/// _accumulate / _finish kernels, the split tensor's row geometry, the accumulators inside the stage's block, and the
/// tail's output in the arena.
/// </summary>
public sealed record PatchTailModel(
    int Operator,
    string OpName,
    string Symbol,
    string Function,
    string ParamsType,
    IReadOnlyList<FieldModel> Fields,
    int SplitWidth,
    int SplitChannels,
    long AccumulatorOffset,
    long OutputOffset,
    long OutputBytes);

namespace MicroGen.Emit.Model;

/// <summary>
/// One operator of a row-streamed segment: its distinct parameter blocks (bands of the same geometry share one), per band
/// which block it uses (255: no rows to compute in that band), per operand that moves from band to band a table of its
/// byte offset from the operand's base (the first input row it reads, where its new output rows go), and, for an output
/// held in a window (<see cref="WindowOffset"/> >= 0), the bytes dropped from the window's front and the bytes kept
/// (moved to the front) before the new rows are written.
/// </summary>
public sealed record StreamLayerModel(
    int Operator,
    string OpName,
    string Symbol,
    string Function,
    string ParamsType,
    IReadOnlyList<IReadOnlyList<FieldModel>> Blocks,
    IReadOnlyList<int> BlockOfBand,
    IReadOnlyList<BandTableModel> Offsets,
    IReadOnlyList<long> Drop,
    IReadOnlyList<long> Keep,
    long WindowOffset,
    IReadOnlyList<OperandModel> Operands);

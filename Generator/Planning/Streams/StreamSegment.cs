using MicroGen.Ir;

namespace MicroGen.Planning.Streams;

/// <summary>
/// A run of operators executed band by band of output rows with line buffers (no recomputation): every operator
/// computes only rows it has not computed before, and each intermediate tensor lives in a window buffer holding the rows
/// its readers still need (a sliding window: rows no reader needs any more are dropped from the front, new rows are
/// appended). The segment reads <see cref="InputTensor"/> whole and writes <see cref="OutputTensor"/> whole, band by band.
/// <see cref="Tensors"/> lists the input first, then each operator's output (the last is the output);
/// <see cref="WindowRows"/> is each tensor's window height (0 for the input and output, which are full tensors).
/// <see cref="OutputOffsetFromInput"/> is where the output may start relative to the input when the two share bytes
/// (every row of the output is written only after the input rows beneath it were read for the last time); null when
/// they cannot share. <see cref="FirstNumber"/> is the lowest operator number in the model file, <see cref="LastNumber"/>
/// the number of the operator writing the output (the last to run).
/// </summary>
public sealed record StreamSegment(
    EquatableArray<int> Operators,
    EquatableArray<int> Tensors,
    int InputTensor,
    int OutputTensor,
    int BandRows,
    EquatableArray<StreamBand> Bands,
    EquatableArray<int> WindowRows,
    long? OutputOffsetFromInput,
    int FirstNumber,
    int LastNumber)
{
    public bool Runs(int op) => Operators.Contains(op);

    public int IndexOf(int tensor) => Tensors.AsSpan().IndexOf(tensor);

    public bool IsWindow(int tensor) => tensor != InputTensor && tensor != OutputTensor && Tensors.Contains(tensor);

    public override string ToString() => $"operators {FirstNumber}-{LastNumber} in {Bands.Length} bands of {BandRows} row{(BandRows == 1 ? "" : "s")}";
}

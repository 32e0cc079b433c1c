using MicroGen.Ir;

namespace MicroGen.Ops.Softmax;

/// <summary>
/// SOFTMAX after Prepare. Rows of Depth elements (the last dimension), OuterSize rows.
/// int8 input: InputMultiplier/InputLeftShift rescale beta * input differences to Q5.26, DiffMin drops differences
/// whose exponential is negligible. int16 input: InputMultiplier/InputLeftShift map [-65535, 0] differences to
/// [-10, 0], ExpTable and ReciprocalTable are the two interpolated lookup tables. float32: Beta.
/// </summary>
public sealed record SoftmaxData(
    int Input, int Output,
    DataType InputType, DataType OutputType,
    int OuterSize, int Depth,
    int InputMultiplier, int InputLeftShift, int DiffMin,
    short[] ExpTable, short[] ReciprocalTable,
    float Beta);

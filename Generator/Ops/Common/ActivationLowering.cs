using MicroGen.Emit;
using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>
/// Pieces the activation operators' C lowerings share (Runtime.C mg_activation_kernels.h): the walk fields of the
/// elementwise kernels, kernel name suffixes by element type, TFLite's sigmoid table as one constant array in flash,
/// and the math library the kernels calling roundf or tanhf link against.
/// </summary>
public static class ActivationLowering
{
    /// <summary>libm, for the kernels that call roundf (QUANTIZE from float) or tanhf (where the reference calls MathF.Tanh).</summary>
    public static EquatableArray<string> MathLibrary { get; } = new[] { "m" };

    /// <summary>The fields rows, row_elems, in_offset, in_stride of an elementwise kernel (null walk: the whole output).</summary>
    public static IEnumerable<(string Name, KernelValue Value)> Walk(ElementwiseWalk? walk, Tensor output)
    {
        var w = walk ?? ElementwiseWalk.Whole(output.ElementCount);
        return
        [
            ("rows", KernelValue.Of(w.Rows)), ("row_elems", KernelValue.Of(w.RowElements)),
            ("in_offset", KernelValue.Of(w.InputOffset)), ("in_stride", KernelValue.Of(w.InputRowStride)),
        ];
    }

    /// <summary>The Runtime.C kernel name suffix of an element type: s8, u8, s16, s32, f32.</summary>
    public static string Suffix(DataType type) => type switch
    {
        DataType.Int8 => "s8",
        DataType.UInt8 => "u8",
        DataType.Int16 => "s16",
        DataType.Int32 => "s32",
        DataType.Float32 => "f32",
        _ => throw new ArgumentException($"no kernel suffix for {type.DisplayName()}"),
    };

    /// <summary>TFLite's sigmoid_table_uint16, stored once in flash however many layers use it.</summary>
    public static KernelValue SigmoidTable() => new ArrayValue(ConstantArray.UInt16("sigmoid_table", MicroGen.Reference.FixedPoint.SigmoidTable.Values.ToArray()));

    /// <summary>An int16 lookup table of one layer.</summary>
    public static KernelValue Int16Table(string name, short[] values) => new ArrayValue(ConstantArray.Int16(name, values));

    /// <summary>The input and output of a one-input elementwise operator.</summary>
    public static KernelOperand[] InputOutput(int input, int output) => [KernelOperand.ForTensor(input), KernelOperand.ForTensor(output)];
}

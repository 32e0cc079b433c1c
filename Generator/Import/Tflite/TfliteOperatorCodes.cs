using MicroGen.Ir;

namespace MicroGen.Import.Tflite;

/// <summary>TFLite builtin codes of the operators MicroGen computes, and the union tag of their options table.</summary>
internal static class TfliteOperatorCodes
{
    /// <summary>(builtin code, operator kind, BuiltinOptions union tag; 0 when the operator has none).</summary>
    private static readonly (int Code, OpKind Kind, int OptionsTag)[] Table =
    [
        (0, OpKind.Add, 11),
        (1, OpKind.AveragePool2D, 5),
        (2, OpKind.Concatenation, 10),
        (3, OpKind.Conv2D, 1),
        (4, OpKind.DepthwiseConv2D, 2),
        (6, OpKind.Dequantize, 38),
        (9, OpKind.FullyConnected, 8),
        (14, OpKind.Logistic, 0),
        (17, OpKind.MaxPool2D, 5),
        (18, OpKind.Mul, 21),
        (19, OpKind.Relu, 0),
        (20, OpKind.ReluN1To1, 0),
        (21, OpKind.Relu6, 0),
        (22, OpKind.Reshape, 17),
        (23, OpKind.ResizeBilinear, 15),
        (25, OpKind.Softmax, 9),
        (28, OpKind.Tanh, 0),
        (34, OpKind.Pad, 22),
        (39, OpKind.Transpose, 26),
        (40, OpKind.Mean, 27),
        (41, OpKind.Sub, 28),
        (43, OpKind.Squeeze, 30),
        (44, OpKind.UnidirectionalSequenceLstm, 71),
        (45, OpKind.StridedSlice, 32),
        (49, OpKind.Split, 35),
        (54, OpKind.Prelu, 0),
        (55, OpKind.Maximum, 39),
        (57, OpKind.Minimum, 39),
        (60, OpKind.PadV2, 43),
        (65, OpKind.Slice, 48),
        (67, OpKind.TransposeConv, 49),
        (70, OpKind.ExpandDims, 52),
        (74, OpKind.Sum, 27),
        (83, OpKind.Pack, 59),
        (88, OpKind.Unpack, 64),
        (97, OpKind.ResizeNearestNeighbor, 74),
        (98, OpKind.LeakyRelu, 75),
        (102, OpKind.SplitV, 79),
        (114, OpKind.Quantize, 89),
        (117, OpKind.HardSwish, 91),
        (126, OpKind.BatchMatMul, 101),
    ];

    public static int? CodeOf(OpKind kind)
    {
        foreach (var entry in Table)
        {
            if (entry.Kind == kind)
            {
                return entry.Code;
            }
        }
        return null;
    }

    public static bool TryGet(int code, out OpKind kind, out int optionsTag)
    {
        foreach (var entry in Table)
        {
            if (entry.Code == code)
            {
                kind = entry.Kind;
                optionsTag = entry.OptionsTag;
                return true;
            }
        }
        kind = default;
        optionsTag = 0;
        return false;
    }
}

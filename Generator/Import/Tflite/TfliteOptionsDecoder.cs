using MicroGen.Import.FlatBuffers;
using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Tflite;

/// <summary>Turns a TFLite builtin options table into the IR's options record (field numbers from schema.fbs).</summary>
internal static class TfliteOptionsDecoder
{
    public static OperatorOptions Decode(OpKind kind, FlatTable? table, Func<string, Exception> error)
    {
        // An absent table reads every field at its schema default.
        var t = table;
        int I32(int field, int dflt = 0) => t?.I32(field, dflt) ?? dflt;
        bool Bool(int field, bool dflt = false) => t?.Bool(field, dflt) ?? dflt;
        float F32(int field, float dflt = 0) => t?.F32(field, dflt) ?? dflt;
        byte U8(int field) => t?.U8(field) ?? 0;
        Activation Act(int field) => ActivationOf(U8(field), error);
        Padding Pad(int field) => U8(field) switch
        {
            0 => Padding.Same,
            1 => Padding.Valid,
            var p => throw error($"unknown padding {p}"),
        };

        return kind switch
        {
            OpKind.Conv2D => new Conv2DOptions(Pad(0), StrideH: I32(2), StrideW: I32(1), DilationH: I32(5, 1), DilationW: I32(4, 1), Act(3)),
            OpKind.DepthwiseConv2D => new DepthwiseConv2DOptions(Pad(0), StrideH: I32(2), StrideW: I32(1),
                DilationH: I32(6, 1), DilationW: I32(5, 1), DepthMultiplier: I32(3), Act(4)),
            OpKind.AveragePool2D or OpKind.MaxPool2D => new Pool2DOptions(Pad(0), StrideH: I32(2), StrideW: I32(1),
                FilterH: I32(4), FilterW: I32(3), Act(5)),
            OpKind.TransposeConv => new TransposeConvOptions(Pad(0), StrideH: I32(2), StrideW: I32(1), Act(3)),
            OpKind.FullyConnected => DecodeFullyConnected(t, error),
            OpKind.Add or OpKind.Sub or OpKind.Mul => new ActivationOptions(Act(0)),
            OpKind.Softmax => new SoftmaxOptions(F32(0)),
            OpKind.Concatenation => new ConcatenationOptions(I32(0), Act(1)),
            OpKind.Mean or OpKind.Sum => new ReducerOptions(Bool(0)),
            OpKind.Squeeze => new SqueezeOptions(t?.Vector(0, 4, "squeeze_dims")?.ToInt32Array() ?? []),
            OpKind.Reshape => new ReshapeOptions(t?.Vector(0, 4, "new_shape")?.ToInt32Array() ?? []),
            OpKind.StridedSlice => new StridedSliceOptions(I32(0), I32(1), I32(2), I32(3), I32(4), Bool(5)),
            OpKind.Split or OpKind.SplitV => new SplitOptions(I32(0)),
            OpKind.Pack or OpKind.Unpack => new PackOptions(I32(0), I32(1)),
            OpKind.ResizeBilinear => new ResizeOptions(Bool(2), Bool(3)),
            OpKind.ResizeNearestNeighbor => new ResizeOptions(Bool(0), Bool(1)),
            OpKind.LeakyRelu => new LeakyReluOptions(F32(0)),
            OpKind.BatchMatMul => new BatchMatMulOptions(Bool(0), Bool(1)),
            OpKind.UnidirectionalSequenceLstm => DecodeLstm(t, error),
            _ => NoOptions.Instance,
        };
    }

    private static FullyConnectedOptions DecodeFullyConnected(FlatTable? t, Func<string, Exception> error)
    {
        var weightsFormat = t?.U8(1) ?? 0;
        if (weightsFormat != 0)
        {
            throw error($"weights_format {weightsFormat} (shuffled weights) is not supported");
        }
        if (t?.Bool(3) == true)
        {
            throw error("asymmetric_quantize_inputs (hybrid weights-only quantization) is not supported");
        }
        return new FullyConnectedOptions(ActivationOf(t?.U8(0) ?? 0, error), t?.Bool(2) ?? false);
    }

    private static LstmOptions DecodeLstm(FlatTable? t, Func<string, Exception> error)
    {
        if (t?.Bool(4) == true)
        {
            throw error("asymmetric_quantize_inputs (hybrid LSTM) is not supported");
        }
        if (t?.Bool(5) == true)
        {
            throw error("diagonal_recurrent_tensors is not supported");
        }
        return new LstmOptions(ActivationOf(t?.U8(0) ?? 0, error), t?.F32(1) ?? 0, t?.F32(2) ?? 0, t?.Bool(3) ?? false);
    }

    private static Activation ActivationOf(byte code, Func<string, Exception> error) => code switch
    {
        0 => Activation.None,
        1 => Activation.Relu,
        2 => Activation.ReluN1To1,
        3 => Activation.Relu6,
        4 => Activation.Tanh,
        5 => Activation.SignBit,
        _ => throw error($"unknown fused activation {code}"),
    };
}

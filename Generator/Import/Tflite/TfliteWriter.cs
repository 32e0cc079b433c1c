using MicroGen.Diagnostics;
using MicroGen.Import.FlatBuffers;
using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Tflite;

/// <summary>
/// Writes a graph as a TFLite flatbuffer (schema version 3): what MicroGen uses to save models it builds itself
/// (the demo's fallback network) and test models. Field numbers mirror <see cref="TfliteImporter"/>.
/// </summary>
public static class TfliteWriter
{
    public static byte[] Write(Graph graph, string description = "MicroGen")
    {
        var b = new FlatBufferBuilder();
        // Buffers: 0 is the empty sentinel; each constant tensor gets its own.
        var bufferOffsets = new List<int>();
        b.StartTable();
        bufferOffsets.Add(b.EndTable());
        var bufferOfTensor = new int[graph.Tensors.Length];
        foreach (var tensor in graph.Tensors)
        {
            if (tensor.Data is null)
            {
                continue;
            }
            var data = b.CreateBytesVector(tensor.Data.Span, 1, 16);
            b.StartTable();
            b.AddOffset(0, data);
            bufferOfTensor[tensor.Index] = bufferOffsets.Count;
            bufferOffsets.Add(b.EndTable());
        }
        var tensors = graph.Tensors.Select(t => WriteTensor(b, t, bufferOfTensor[t.Index])).ToList();

        var kinds = graph.Operators.Select(o => o.Kind).Distinct().OrderBy(k => k).ToList();
        var codes = kinds.Select(kind =>
        {
            var code = CodeOf(kind);
            b.StartTable();
            b.AddByte(0, (byte)Math.Min(code, 127));
            b.AddInt32(2, 1, 0);
            b.AddInt32(3, code);
            return b.EndTable();
        }).ToList();

        var operators = graph.Operators.Select(op =>
        {
            var inputs = b.CreateInt32Vector(op.Inputs.Items);
            var outputs = b.CreateInt32Vector(op.Outputs.Items);
            var intermediates = op.Intermediates.Length > 0 ? b.CreateInt32Vector(op.Intermediates.Items) : -1;
            var (tag, options) = WriteOptions(b, op);
            b.StartTable();
            b.AddUInt32(0, (uint)kinds.IndexOf(op.Kind));
            b.AddOffset(1, inputs);
            b.AddOffset(2, outputs);
            if (tag != 0)
            {
                b.AddByte(3, tag);
                b.AddOffset(4, options);
            }
            if (intermediates >= 0)
            {
                b.AddOffset(8, intermediates);
            }
            return b.EndTable();
        }).ToList();

        var tensorVector = b.CreateOffsetVector(tensors);
        var inputVector = b.CreateInt32Vector(graph.Inputs.Items);
        var outputVector = b.CreateInt32Vector(graph.Outputs.Items);
        var operatorVector = b.CreateOffsetVector(operators);
        var name = b.CreateString(graph.Name);
        b.StartTable();
        b.AddOffset(0, tensorVector);
        b.AddOffset(1, inputVector);
        b.AddOffset(2, outputVector);
        b.AddOffset(3, operatorVector);
        b.AddOffset(4, name);
        var subgraph = b.EndTable();

        var codeVector = b.CreateOffsetVector(codes);
        var subgraphVector = b.CreateOffsetVector([subgraph]);
        var descriptionString = b.CreateString(description);
        var bufferVector = b.CreateOffsetVector(bufferOffsets);
        b.StartTable();
        b.AddUInt32(0, 3);
        b.AddOffset(1, codeVector);
        b.AddOffset(2, subgraphVector);
        b.AddOffset(3, descriptionString);
        b.AddOffset(4, bufferVector);
        var model = b.EndTable();
        return b.Finish(model, "TFL3");
    }

    private static int WriteTensor(FlatBufferBuilder b, Tensor t, int buffer)
    {
        var shape = b.CreateInt32Vector(t.Shape.Items);
        var name = b.CreateString(t.Name);
        var quantization = -1;
        if (t.Quantization is { } q)
        {
            var scales = b.CreateFloatVector(q.Scales.Items);
            var zeroPoints = b.CreateInt64Vector(q.ZeroPoints.Items);
            b.StartTable();
            b.AddOffset(2, scales);
            b.AddOffset(3, zeroPoints);
            b.AddInt32(6, q.Axis);
            quantization = b.EndTable();
        }
        b.StartTable();
        b.AddOffset(0, shape);
        b.AddByte(1, TypeCode(t.Type));
        b.AddUInt32(2, (uint)buffer);
        b.AddOffset(3, name);
        if (quantization >= 0)
        {
            b.AddOffset(4, quantization);
        }
        b.AddBool(5, t.IsVariable);
        return b.EndTable();
    }

    private static (byte Tag, int Table) WriteOptions(FlatBufferBuilder b, Operator op)
    {
        if (op.Options is Conv2DOptions { Explicit: not null } or DepthwiseConv2DOptions { Explicit: not null })
        {
            throw new UnsupportedModelException($"{op.Describe()}: explicit padding has no TFLite form");
        }
        int VectorOf(EquatableArray<int> values) => b.CreateInt32Vector(values.Items);
        switch (op.Options)
        {
            case Conv2DOptions o:
                b.StartTable();
                b.AddByte(0, Pad(o.Padding)); b.AddInt32(1, o.StrideW); b.AddInt32(2, o.StrideH); b.AddByte(3, Act(o.Activation));
                b.AddInt32(4, o.DilationW, 1); b.AddInt32(5, o.DilationH, 1);
                return (1, b.EndTable());
            case DepthwiseConv2DOptions o:
                b.StartTable();
                b.AddByte(0, Pad(o.Padding)); b.AddInt32(1, o.StrideW); b.AddInt32(2, o.StrideH); b.AddInt32(3, o.DepthMultiplier);
                b.AddByte(4, Act(o.Activation)); b.AddInt32(5, o.DilationW, 1); b.AddInt32(6, o.DilationH, 1);
                return (2, b.EndTable());
            case Pool2DOptions o:
                b.StartTable();
                b.AddByte(0, Pad(o.Padding)); b.AddInt32(1, o.StrideW); b.AddInt32(2, o.StrideH); b.AddInt32(3, o.FilterW);
                b.AddInt32(4, o.FilterH); b.AddByte(5, Act(o.Activation));
                return (5, b.EndTable());
            case FullyConnectedOptions o:
                b.StartTable();
                b.AddByte(0, Act(o.Activation)); b.AddBool(2, o.KeepNumDims);
                return (8, b.EndTable());
            case SoftmaxOptions o:
                b.StartTable();
                b.AddFloat(0, o.Beta);
                return (9, b.EndTable());
            case ConcatenationOptions o:
                b.StartTable();
                b.AddInt32(0, o.Axis); b.AddByte(1, Act(o.Activation));
                return (10, b.EndTable());
            case ActivationOptions o:
                b.StartTable();
                b.AddByte(0, Act(o.Activation));
                return (op.Kind switch { OpKind.Add => 11, OpKind.Mul => 21, _ => 28 }, b.EndTable());
            case ReshapeOptions o:
                var shape = VectorOf(o.NewShape);
                b.StartTable();
                b.AddOffset(0, shape);
                return (17, b.EndTable());
            case ReducerOptions o:
                b.StartTable();
                b.AddBool(0, o.KeepDims);
                return (27, b.EndTable());
            case NoOptions:
                return (0, 0);
            default:
                throw new UnsupportedModelException($"{op.Describe()}: writing {op.Options.GetType().Name} to TFLite is not supported");
        }
    }

    private static int CodeOf(OpKind kind) =>
        TfliteOperatorCodes.CodeOf(kind) ?? throw new UnsupportedModelException($"{kind.DisplayName()} has no TFLite builtin code");

    private static byte Pad(Padding padding) => padding == Padding.Same ? (byte)0 : (byte)1;

    private static byte Act(Activation activation) => (byte)activation;

    private static byte TypeCode(DataType type) => type switch
    {
        DataType.Float32 => 0,
        DataType.Int32 => 2,
        DataType.UInt8 => 3,
        DataType.Int64 => 4,
        DataType.Bool => 6,
        DataType.Int16 => 7,
        DataType.Int8 => 9,
        _ => throw new UnsupportedModelException($"type {type.DisplayName()} cannot be written to TFLite"),
    };
}

using Google.Protobuf;
using OnnxProto = Onnx;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>Writes small ONNX models in code (ModelProto objects), for the importer tests and the ONNX Runtime comparisons.</summary>
internal sealed class OnnxModelBuilder
{
    public const int FloatElement = 1, UInt8Element = 2, Int8Element = 3, Int32Element = 6, Int64Element = 7;

    private readonly OnnxProto.GraphProto _graph = new() { Name = "test" };
    private readonly int _opset;
    private readonly bool _microsoft;

    public OnnxModelBuilder(int opset = 17, bool microsoft = false)
    {
        _opset = opset;
        _microsoft = microsoft;
    }

    public OnnxProto.GraphProto Graph => _graph;

    public string Input(string name, int elementType, params long[] dims)
    {
        _graph.Input.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    public string Output(string name, int elementType, params long[] dims)
    {
        _graph.Output.Add(ValueInfo(name, elementType, dims));
        return name;
    }

    public string Initializer(string name, int elementType, long[] dims, Array values)
    {
        var t = new OnnxProto.TensorProto { Name = name, DataType = elementType };
        t.Dims.AddRange(dims);
        t.RawData = ByteString.CopyFrom(RawBytes(values));
        _graph.Initializer.Add(t);
        return name;
    }

    public string Scalar(string name, float value) => Initializer(name, FloatElement, [], new[] { value });

    public string ZeroPoint(string name, int elementType, int value) => elementType == UInt8Element
        ? Initializer(name, UInt8Element, [], new[] { (byte)value })
        : Initializer(name, Int8Element, [], new[] { (sbyte)value });

    public string Node(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes) =>
        NodeIn("", opType, inputs, output, attributes);

    public string MicrosoftNode(string opType, string[] inputs, string output, params (string Name, object Value)[] attributes) =>
        NodeIn("com.microsoft", opType, inputs, output, attributes);

    public string NodeIn(string domain, string opType, string[] inputs, string output, params (string Name, object Value)[] attributes)
    {
        var node = new OnnxProto.NodeProto { OpType = opType, Name = output + "_node", Domain = domain };
        node.Input.AddRange(inputs);
        node.Output.Add(output);
        foreach (var (name, value) in attributes)
        {
            var a = new OnnxProto.AttributeProto { Name = name };
            switch (value)
            {
                case int i:
                    a.Type = OnnxProto.AttributeProto.Types.AttributeType.Int;
                    a.I = i;
                    break;
                case float f:
                    a.Type = OnnxProto.AttributeProto.Types.AttributeType.Float;
                    a.F = f;
                    break;
                case string s:
                    a.Type = OnnxProto.AttributeProto.Types.AttributeType.String;
                    a.S = ByteString.CopyFromUtf8(s);
                    break;
                case int[] ints:
                    a.Type = OnnxProto.AttributeProto.Types.AttributeType.Ints;
                    a.Ints.AddRange(ints.Select(v => (long)v));
                    break;
                default:
                    throw new ArgumentException($"attribute {name}: {value.GetType()}");
            }
            node.Attribute.Add(a);
        }
        _graph.Node.Add(node);
        return output;
    }

    public OnnxProto.ModelProto Model()
    {
        var model = new OnnxProto.ModelProto { IrVersion = 8, ProducerName = "microgen-tests", Graph = _graph };
        model.OpsetImport.Add(new OnnxProto.OperatorSetIdProto { Domain = "", Version = _opset });
        if (_microsoft)
        {
            model.OpsetImport.Add(new OnnxProto.OperatorSetIdProto { Domain = "com.microsoft", Version = 1 });
        }
        return model;
    }

    public byte[] Build() => Model().ToByteArray();

    private static OnnxProto.ValueInfoProto ValueInfo(string name, int elementType, long[] dims)
    {
        var tensor = new OnnxProto.TypeProto.Types.Tensor { ElemType = elementType, Shape = new OnnxProto.TensorShapeProto() };
        foreach (var d in dims)
        {
            tensor.Shape.Dim.Add(new OnnxProto.TensorShapeProto.Types.Dimension { DimValue = d });
        }
        return new OnnxProto.ValueInfoProto { Name = name, Type = new OnnxProto.TypeProto { TensorType = tensor } };
    }

    public static byte[] RawBytes(Array values) => values switch
    {
        float[] a => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        sbyte[] a => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        byte[] a => a.ToArray(),
        int[] a => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        long[] a => System.Runtime.InteropServices.MemoryMarshal.AsBytes(a.AsSpan()).ToArray(),
        _ => throw new ArgumentException($"values of {values.GetType()}"),
    };
}

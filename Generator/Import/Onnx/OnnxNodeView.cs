using MicroGen.Diagnostics;
using OnnxProto = Onnx;

namespace MicroGen.Import.Onnx;

/// <summary>One ONNX node with typed attribute access and one-line errors naming the file, node and opset.</summary>
internal sealed class OnnxNodeView
{
    private readonly OnnxProto.NodeProto _node;
    private readonly string _source;
    private readonly int _opset;

    public OnnxNodeView(OnnxProto.NodeProto node, int index, string source, int opset)
    {
        _node = node;
        Index = index;
        _source = source;
        _opset = opset;
    }

    public int Index { get; }

    /// <summary>The opset version of the node's domain that the model imports.</summary>
    public int Opset => _opset;

    public string OpType => _node.OpType ?? "";

    public string Domain => _node.Domain ?? "";

    public string Name => string.IsNullOrEmpty(_node.Name) ? $"#{Index}" : _node.Name;

    public IReadOnlyList<string> Inputs => _node.Input;

    public IReadOnlyList<string> Outputs => _node.Output;

    public string Description =>
        $"node {Index} '{OnnxText.OneLine(Name, 80)}' ({(Domain is "" or "ai.onnx" ? "" : Domain + ".")}{OnnxText.OneLine(OpType, 60)}, opset {_opset})";

    public bool HasInput(int i) => i < _node.Input.Count && !string.IsNullOrEmpty(_node.Input[i]);

    public UnsupportedModelException Unsupported(string message) => new($"{_source}: {Description}: {message}");

    public ModelFormatException Malformed(string message) => new($"{_source}: {Description}: {message}");

    public void RequireInputs(int min, int max)
    {
        if (_node.Input.Count < min || _node.Input.Count > max || Enumerable.Range(0, min).Any(i => !HasInput(i)))
        {
            throw Malformed(min == max ? $"has {_node.Input.Count} inputs, expected {min}" : $"has {_node.Input.Count} inputs, expected {min} to {max}");
        }
        if (_node.Output.Count < 1 || string.IsNullOrEmpty(_node.Output[0]))
        {
            throw Malformed("has no output");
        }
    }

    public bool HasAttribute(string name) => Find(name) is not null;

    /// <summary>
    /// The node with 1-D window attributes (kernel_shape, strides, dilations, pads) written as 2-D ones over a
    /// [1, L] plane, for 1-D convolution and pooling computed as 2-D.
    /// </summary>
    public OnnxNodeView LiftedTo2D()
    {
        var clone = _node.Clone();
        foreach (var a in clone.Attribute)
        {
            if (a.Name is "kernel_shape" or "strides" or "dilations" && a.Ints.Count == 1)
            {
                var v = a.Ints[0];
                a.Ints.Clear();
                a.Ints.Add([1, v]);
            }
            else if (a.Name == "pads" && a.Ints.Count == 2)
            {
                var (begin, end) = (a.Ints[0], a.Ints[1]);
                a.Ints.Clear();
                a.Ints.Add([0, begin, 0, end]);
            }
        }
        return new OnnxNodeView(clone, Index, _source, _opset);
    }

    public long Int(string name, long fallback)
    {
        var a = Find(name);
        if (a is null)
        {
            return fallback;
        }
        Expect(a, OnnxProto.AttributeProto.Types.AttributeType.Int);
        return a.I;
    }

    public float Float(string name, float fallback)
    {
        var a = Find(name);
        if (a is null)
        {
            return fallback;
        }
        Expect(a, OnnxProto.AttributeProto.Types.AttributeType.Float);
        return a.F;
    }

    public string String(string name, string fallback)
    {
        var a = Find(name);
        if (a is null)
        {
            return fallback;
        }
        Expect(a, OnnxProto.AttributeProto.Types.AttributeType.String);
        return a.S.ToStringUtf8();
    }

    public long[]? Ints(string name)
    {
        var a = Find(name);
        if (a is null)
        {
            return null;
        }
        Expect(a, OnnxProto.AttributeProto.Types.AttributeType.Ints);
        return a.Ints.ToArray();
    }

    public float[]? Floats(string name)
    {
        var a = Find(name);
        if (a is null)
        {
            return null;
        }
        Expect(a, OnnxProto.AttributeProto.Types.AttributeType.Floats);
        return a.Floats.ToArray();
    }

    public OnnxProto.TensorProto? Tensor(string name)
    {
        var a = Find(name);
        if (a is null)
        {
            return null;
        }
        Expect(a, OnnxProto.AttributeProto.Types.AttributeType.Tensor);
        return a.T ?? throw Malformed($"attribute '{name}' holds no tensor");
    }

    /// <summary>An int list attribute as int32 values, each in [min, max].</summary>
    public int[]? SmallInts(string name, long min, long max)
    {
        var values = Ints(name);
        if (values is null)
        {
            return null;
        }
        foreach (var v in values)
        {
            if (v < min || v > max)
            {
                throw Malformed($"attribute '{name}' value {v} is outside [{min}, {max}]");
            }
        }
        return values.Select(v => (int)v).ToArray();
    }

    private OnnxProto.AttributeProto? Find(string name) => _node.Attribute.FirstOrDefault(a => a.Name == name);

    private void Expect(OnnxProto.AttributeProto a, OnnxProto.AttributeProto.Types.AttributeType type)
    {
        if (a.Type != type && a.Type != OnnxProto.AttributeProto.Types.AttributeType.Undefined)
        {
            throw Malformed($"attribute '{OnnxText.OneLine(a.Name, 60)}' has type {a.Type.ToString().ToUpperInvariant()}, expected {type.ToString().ToUpperInvariant()}");
        }
        if (!string.IsNullOrEmpty(a.RefAttrName))
        {
            throw Unsupported($"attribute '{OnnxText.OneLine(a.Name, 60)}' refers to a function attribute");
        }
    }
}

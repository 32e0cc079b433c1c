using MicroGen.Diagnostics;
using MicroGen.Ir;

namespace MicroGen.Ops;

/// <summary>
/// One operator seen with its graph: typed access to its tensors and errors that name the operator
/// and the tensor. Used by validation, preparation and MAC counting.
/// </summary>
public readonly struct OpContext
{
    public OpContext(Graph graph, Operator op)
    {
        Graph = graph;
        Op = op;
    }

    public Graph Graph { get; }

    public Operator Op { get; }

    public int InputCount => Op.Inputs.Length;

    public int OutputCount => Op.Outputs.Length;

    public bool HasInput(int i) => i < Op.Inputs.Length && Op.Inputs[i] >= 0;

    public Tensor Input(int i)
    {
        if (!HasInput(i))
        {
            throw Fail($"input {i} is missing");
        }
        return Graph.Tensors[Op.Inputs[i]];
    }

    public Tensor? OptionalInput(int i) => HasInput(i) ? Graph.Tensors[Op.Inputs[i]] : null;

    public Tensor Output(int i)
    {
        if (i >= Op.Outputs.Length)
        {
            throw Fail($"output {i} is missing");
        }
        return Graph.Tensors[Op.Outputs[i]];
    }

    public T Options<T>() where T : Ir.Options.OperatorOptions =>
        Op.Options as T ?? throw Fail($"options are {Op.Options.GetType().Name}, expected {typeof(T).Name}");

    public UnsupportedModelException Fail(string message) => new($"{Op.Describe()}: {message}");

    public UnsupportedModelException Fail(Tensor tensor, string message) =>
        new($"{Op.Describe()}: tensor '{tensor.Name}' {tensor.Describe()}: {message}");

    public void RequireCounts(int minInputs, int maxInputs, int outputs)
    {
        if (InputCount < minInputs || InputCount > maxInputs)
        {
            throw Fail(minInputs == maxInputs
                ? $"has {InputCount} inputs, expected {minInputs}"
                : $"has {InputCount} inputs, expected {minInputs} to {maxInputs}");
        }
        if (OutputCount != outputs)
        {
            throw Fail($"has {OutputCount} outputs, expected {outputs}");
        }
    }

    public void RequireType(Tensor tensor, params DataType[] allowed)
    {
        if (!allowed.Contains(tensor.Type))
        {
            throw Fail(tensor, $"type {tensor.Type.DisplayName()} is not supported here (supported: {string.Join(", ", allowed.Select(t => t.DisplayName()))})");
        }
    }

    public void RequireSameType(Tensor a, Tensor b)
    {
        if (a.Type != b.Type)
        {
            throw Fail(b, $"type {b.Type.DisplayName()} differs from '{a.Name}' ({a.Type.DisplayName()})");
        }
    }

    public void RequireRank(Tensor tensor, int rank)
    {
        if (tensor.Shape.Length != rank)
        {
            throw Fail(tensor, $"rank {tensor.Shape.Length}, expected {rank}");
        }
    }

    public void RequireConstant(Tensor tensor)
    {
        if (!tensor.IsConstant)
        {
            throw Fail(tensor, "must be a constant tensor");
        }
    }

    public void RequireShape(Tensor tensor, params int[] expected)
    {
        if (!tensor.Shape.AsSpan().SequenceEqual(expected))
        {
            throw Fail(tensor, $"shape {tensor.ShapeText}, expected [{string.Join("x", expected)}]");
        }
    }

    /// <summary>Per-tensor quantization on a quantized tensor, with its scale and zero point.</summary>
    public Quantization RequirePerTensorQuantization(Tensor tensor)
    {
        if (tensor.Quantization is null)
        {
            throw Fail(tensor, "has no quantization parameters");
        }
        if (tensor.Quantization.IsPerChannel)
        {
            throw Fail(tensor, "per-channel quantization is not supported here");
        }
        if (!(tensor.Quantization.Scale > 0) || float.IsInfinity(tensor.Quantization.Scale))
        {
            throw Fail(tensor, $"quantization scale {tensor.Quantization.Scale} must be positive and finite");
        }
        return tensor.Quantization;
    }

    /// <summary>
    /// Quantization of a weight tensor: per-tensor or per-channel, each scale finite. Like TFLM, negative scales are
    /// accepted (converters emit them: the requantization multiplier becomes negative) and zero scales give zero multipliers.
    /// </summary>
    public Quantization RequireQuantization(Tensor tensor)
    {
        if (tensor.Quantization is null)
        {
            throw Fail(tensor, "has no quantization parameters");
        }
        foreach (var scale in tensor.Quantization.Scales)
        {
            if (!float.IsFinite(scale))
            {
                throw Fail(tensor, $"quantization scale {scale} must be finite");
            }
        }
        return tensor.Quantization;
    }

    /// <summary>Whether the operator computes on quantized integers (true) or float32 (false).</summary>
    public bool IsQuantized(Tensor tensor) => tensor.Type != DataType.Float32;
}

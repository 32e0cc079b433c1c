using MicroGen.Diagnostics;
using MicroGen.Ir;

namespace MicroGen.Ops;

/// <summary>Checks a graph before anything computes with it: dataflow order, then each operator's own rules.</summary>
public static class GraphValidator
{
    /// <summary>No tensor of a microcontroller model comes near this; larger ones are corrupt or not meant for an MCU.</summary>
    public const long MaxTensorBytes = 256L << 20;

    public static void Validate(Graph graph, OperatorRegistry? registry = null)
    {
        CheckSizes(graph);
        CheckDataflow(graph);
        var reg = registry ?? OperatorRegistry.Default;
        foreach (var op in graph.Operators)
        {
            reg.For(op).Validate(new OpContext(graph, op));
        }
    }

    private static void CheckSizes(Graph graph)
    {
        foreach (var tensor in graph.Tensors)
        {
            long elements = 1;
            foreach (var d in tensor.Shape)
            {
                elements = d == 0 ? 0 : elements > MaxTensorBytes / d ? MaxTensorBytes + 1 : elements * d;
            }
            var bytes = elements * Math.Max(1, tensor.Type.SizeInBytes());
            if (bytes > MaxTensorBytes)
            {
                throw new UnsupportedModelException(
                    $"tensor {tensor.Index} '{tensor.Name}' {tensor.ShapeText} needs more than {MaxTensorBytes >> 20} MiB: not a microcontroller model");
            }
        }
    }

    /// <summary>Every operator reads only tensors that exist before it runs; every tensor has at most one writer.</summary>
    public static void CheckDataflow(Graph graph)
    {
        var available = new bool[graph.Tensors.Length];
        foreach (var tensor in graph.Tensors)
        {
            available[tensor.Index] = tensor.IsConstant || tensor.IsVariable;
        }
        foreach (var input in graph.Inputs)
        {
            if (graph.Tensors[input].IsConstant)
            {
                throw new UnsupportedModelException($"graph input tensor {input} '{graph.Tensors[input].Name}' is a constant");
            }
            available[input] = true;
        }
        var written = new bool[graph.Tensors.Length];
        foreach (var op in graph.Operators)
        {
            foreach (var input in op.Inputs)
            {
                if (input >= 0 && !available[input])
                {
                    throw new UnsupportedModelException(
                        $"{op.Describe()}: reads tensor {input} '{graph.Tensors[input].Name}' before any operator writes it");
                }
            }
            foreach (var output in op.Outputs)
            {
                var tensor = graph.Tensors[output];
                if (tensor.IsConstant || written[output] || graph.Inputs.Contains(output))
                {
                    throw new UnsupportedModelException(
                        $"{op.Describe()}: writes tensor {output} '{tensor.Name}', which is a constant, a graph input or written by another operator");
                }
                written[output] = true;
                available[output] = true;
            }
        }
        foreach (var output in graph.Outputs)
        {
            if (!available[output])
            {
                throw new UnsupportedModelException($"graph output tensor {output} '{graph.Tensors[output].Name}' is never written");
            }
        }
    }
}

using MicroGen.Diagnostics;
using MicroGen.Ir;

namespace MicroGen.Ops;

/// <summary>Checks a graph before anything computes with it: dataflow order, then each operator's own rules.</summary>
public static class GraphValidator
{
    public static void Validate(Graph graph, OperatorRegistry? registry = null)
    {
        CheckDataflow(graph);
        var reg = registry ?? OperatorRegistry.Default;
        foreach (var op in graph.Operators)
        {
            reg.For(op).Validate(new OpContext(graph, op));
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

namespace MicroGen.Ir;

/// <summary>
/// The model as MicroGen sees it, whatever format it came from: tensors, operators in a valid
/// execution order, and the graph's inputs and outputs. Immutable and compared by value.
/// </summary>
public sealed record Graph(
    string Name,
    EquatableArray<Tensor> Tensors,
    EquatableArray<Operator> Operators,
    EquatableArray<int> Inputs,
    EquatableArray<int> Outputs)
{
    public Tensor Tensor(int index) => Tensors[index];

    public IEnumerable<Tensor> InputTensors => Inputs.Select(i => Tensors[i]);

    public IEnumerable<Tensor> OutputTensors => Outputs.Select(i => Tensors[i]);

    /// <summary>The operator that writes each tensor, or -1 for graph inputs, constants and variables.</summary>
    public int[] ProducerOf()
    {
        var producer = Enumerable.Repeat(-1, Tensors.Length).ToArray();
        foreach (var op in Operators)
        {
            foreach (var t in op.Outputs)
            {
                producer[t] = op.Index;
            }
        }
        return producer;
    }
}

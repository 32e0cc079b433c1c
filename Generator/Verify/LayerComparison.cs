using MicroGen.Ir;
using MicroGen.Reference;
using MicroGen.Run;

namespace MicroGen.Verify;

/// <summary>
/// Finds the first layer where the firmware's debug build (one mg-layer line per layer, keyed by operator number) departs
/// from the reference interpreter, running the reference on the model as imported.
/// </summary>
public static class LayerComparison
{
    public static LayerMismatch? FirstDifference(Graph original, IReadOnlyList<byte[]> inputs, FirmwareTranscript debugRun, IReadOnlyList<int> firmwareOrder)
    {
        var expected = new Dictionary<int, (Operator Op, byte[] Bytes)>();
        new ReferenceInterpreter(original).Invoke(inputs, (op, buffers) =>
            expected[op.Number] = (op, buffers.Bytes(op.Outputs[0]).ToArray()));
        foreach (var number in firmwareOrder)
        {
            if (!debugRun.Layers.TryGetValue(number, out var actual) || !expected.TryGetValue(number, out var reference))
            {
                continue;
            }
            var bytes = reference.Bytes;
            var differing = Enumerable.Range(0, Math.Min(bytes.Length, actual.Length)).Where(i => bytes[i] != actual[i]).ToList();
            if (differing.Count > 0 || bytes.Length != actual.Length)
            {
                var first = differing.Count > 0 ? differing[0] : Math.Min(bytes.Length, actual.Length);
                var tensor = original.Tensors[reference.Op.Outputs[0]];
                int Value(byte[] data) => first < data.Length ? (tensor.Type == DataType.Int8 ? (sbyte)data[first] : data[first]) : -1;
                return new LayerMismatch(number, reference.Op.Kind.DisplayName(), tensor.Name,
                    differing.Count + Math.Abs(bytes.Length - actual.Length), bytes.Length, first, Value(bytes), Value(actual));
            }
        }
        return null;
    }
}

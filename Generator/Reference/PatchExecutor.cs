using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;

namespace MicroGen.Reference;

/// <summary>
/// Runs a patch stage the way the firmware does: for each patch, copy the input rectangle in, run every stage operator
/// on patch-sized buffers with its patch-adjusted data, copy the last output rectangle into the full split tensor.
/// </summary>
internal sealed class PatchExecutor
{
    private readonly Graph _graph;
    private readonly PatchStage _stage;
    private readonly (OperatorDefinition Definition, object Data, IPatchableOperator Patchable)[] _operators;

    public PatchExecutor(Graph graph, PatchStage stage, OperatorRegistry registry)
    {
        _graph = graph;
        _stage = stage;
        _operators = stage.Operators.Select(index =>
        {
            var op = graph.Operators[index];
            var definition = registry.For(op);
            return (definition, definition.Prepare(new OpContext(graph, op)), (IPatchableOperator)definition);
        }).ToArray();
    }

    public void Run(TensorBuffers full)
    {
        var patchBuffers = new TensorBuffers(_graph, allocate: false);
        foreach (var patch in _stage.Patches)
        {
            var input = _graph.Tensors[_stage.InputTensor];
            var inputPatch = CopyIn(full.Bytes(input.Index), input, patch.Inputs[0]);
            patchBuffers.Bind(input.Index, inputPatch);
            byte[] output = [];
            for (var k = 0; k < _operators.Length; k++)
            {
                var op = _graph.Operators[_stage.Operators[k]];
                var outputTensor = _graph.Tensors[op.Outputs[0]];
                output = new byte[patch.Outputs[k].Pixels * outputTensor.Shape[3] * outputTensor.Type.SizeInBytes()];
                patchBuffers.Bind(outputTensor.Index, output);
                var (definition, data, patchable) = _operators[k];
                definition.Eval(patchable.ForPatch(new OpContext(_graph, op), data, patch.Inputs[k], patch.Outputs[k]), patchBuffers);
            }
            CopyOut(output, full.WritableBytes(_stage.OutputTensor), _graph.Tensors[_stage.OutputTensor], patch.Outputs[^1]);
        }
    }

    private static byte[] CopyIn(ReadOnlySpan<byte> source, Tensor tensor, PatchRegion region)
    {
        var rowBytes = region.Width * tensor.Shape[3] * tensor.Type.SizeInBytes();
        var pixelBytes = tensor.Shape[3] * tensor.Type.SizeInBytes();
        var patch = new byte[region.Height * rowBytes];
        for (var y = 0; y < region.Height; y++)
        {
            source.Slice(((region.Y0 + y) * tensor.Shape[2] + region.X0) * pixelBytes, rowBytes).CopyTo(patch.AsSpan(y * rowBytes));
        }
        return patch;
    }

    private static void CopyOut(ReadOnlySpan<byte> patch, Span<byte> target, Tensor tensor, PatchRegion region)
    {
        var pixelBytes = tensor.Shape[3] * tensor.Type.SizeInBytes();
        var rowBytes = region.Width * pixelBytes;
        for (var y = 0; y < region.Height; y++)
        {
            patch.Slice(y * rowBytes, rowBytes).CopyTo(target[(((region.Y0 + y) * tensor.Shape[2] + region.X0) * pixelBytes)..]);
        }
    }
}

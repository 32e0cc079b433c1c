using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;

namespace MicroGen.Reference;

/// <summary>
/// Runs a patch stage the way the firmware does: for each patch, copy the input rectangle in, run every stage operator
/// on patch-sized buffers (one per stage tensor) with its patch-adjusted data, copy the split tensor's rectangle out, or,
/// with a reduction tail, add it to the tail's accumulators (requantized into the tail's output after the last patch).
/// </summary>
internal sealed class PatchExecutor
{
    private readonly Graph _graph;
    private readonly PatchStage _stage;
    private readonly (OperatorDefinition Definition, object Data, IPatchableOperator Patchable)[] _operators;
    private readonly (OpContext Context, object Data, IAccumulatingOperator Operator)? _tail;

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
        if (stage.HasTail)
        {
            var tail = graph.Operators[stage.Tail];
            var definition = registry.For(tail);
            _tail = (new OpContext(graph, tail), definition.Prepare(new OpContext(graph, tail)), (IAccumulatingOperator)definition);
        }
    }


    public void Run(TensorBuffers full)
    {
        var patchBuffers = new TensorBuffers(_graph, allocate: false);
        var accumulators = _tail is { } start ? new int[start.Operator.AccumulatorCount(start.Context, start.Data)] : [];
        if (_tail is { } first)
        {
            first.Operator.Start(first.Context, first.Data, full, accumulators);
        }
        foreach (var patch in _stage.Patches)
        {
            var input = _graph.Tensors[_stage.InputTensor];
            patchBuffers.Bind(input.Index, CopyIn(full.Bytes(input.Index), input, patch.RegionOf(_stage, input.Index)));
            for (var k = 0; k < _operators.Length; k++)
            {
                var op = _graph.Operators[_stage.Operators[k]];
                var outputTensor = _graph.Tensors[op.Outputs[0]];
                var outputRegion = patch.RegionOf(_stage, outputTensor.Index);
                patchBuffers.Bind(outputTensor.Index, new byte[outputRegion.Pixels * outputTensor.Shape[3] * outputTensor.Type.SizeInBytes()]);
                var inputRegions = op.Inputs.Select(t => t >= 0 && _stage.Tensors.Contains(t) ? patch.RegionOf(_stage, t) : (PatchRegion?)null).ToList();
                // Inputs the patch does not cut (broadcast operands) are read whole from the full-size buffers.
                foreach (var t in op.Inputs.Where(t => t >= 0 && !_stage.Tensors.Contains(t) && !_graph.Tensors[t].IsConstant))
                {
                    patchBuffers.Bind(t, full.Bytes(t).ToArray());
                }
                var (definition, data, patchable) = _operators[k];
                definition.Eval(patchable.ForPatch(new OpContext(_graph, op), data, inputRegions, outputRegion), patchBuffers);
            }
            var split = _graph.Tensors[_stage.OutputTensor];
            if (_tail is { } tail)
            {
                tail.Operator.Accumulate(tail.Context, tail.Data, full, patchBuffers.Bytes(split.Index), patch.RegionOf(_stage, split.Index), accumulators);
            }
            else
            {
                CopyOut(patchBuffers.Bytes(split.Index), full.WritableBytes(split.Index), split, patch.RegionOf(_stage, split.Index));
            }
        }
        if (_tail is { } last)
        {
            last.Operator.Finish(last.Context, last.Data, full, accumulators);
        }
    }

    private static byte[] CopyIn(ReadOnlySpan<byte> source, Tensor tensor, PatchRegion region)
    {
        var pixelBytes = tensor.Shape[3] * tensor.Type.SizeInBytes();
        var rowBytes = region.Width * pixelBytes;
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

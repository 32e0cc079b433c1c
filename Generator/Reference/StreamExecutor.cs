using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Streams;

namespace MicroGen.Reference;

/// <summary>
/// Runs a row-streamed segment the way the firmware does: one window buffer per intermediate tensor, exactly as high as
/// the plan says; band by band each operator drops the rows no reader needs from the front of its window, computes its
/// new rows from the windows of its inputs (or the full input tensor), and appends them (the last operator writes into
/// the full output tensor). A window planned too small, or a band computed from rows already dropped, gives wrong bytes.
/// </summary>
internal sealed class StreamExecutor
{
    private readonly Graph _graph;
    private readonly StreamSegment _segment;
    private readonly (OperatorDefinition Definition, object Data, IPatchableOperator Patchable)[] _operators;

    public StreamExecutor(Graph graph, StreamSegment segment, OperatorRegistry registry)
    {
        _graph = graph;
        _segment = segment;
        _operators = segment.Operators.Select(index =>
        {
            var op = graph.Operators[index];
            var definition = registry.For(op);
            return (definition, definition.Prepare(new OpContext(graph, op)), (IPatchableOperator)definition);
        }).ToArray();
    }

    public void Run(TensorBuffers full)
    {
        var tensors = _segment.Tensors;
        var rowBytes = tensors.Select(t => _graph.Tensors[t]).Select(t => t.Shape[2] * t.Shape[3] * t.Type.SizeInBytes()).ToArray();
        var windows = tensors.Select((t, i) => _segment.IsWindow(t) ? new byte[_segment.WindowRows[i] * rowBytes[i]] : []).ToArray();
        var held = new PatchRegion[tensors.Length];
        var views = new TensorBuffers(_graph, allocate: false);
        for (var band = 0; band < _segment.Bands.Length; band++)
        {
            for (var k = 0; k < _operators.Length; k++)
            {
                var computed = _segment.Bands[band].Computed[k];
                if (computed.Height == 0)
                {
                    continue;
                }
                var op = _graph.Operators[_segment.Operators[k]];
                var own = k + 1;
                var (definition, data, patchable) = _operators[k];
                var ctx = new OpContext(_graph, op);
                var inputs = new List<PatchRegion?>();
                for (var i = 0; i < op.Inputs.Length; i++)
                {
                    var t = op.Inputs[i];
                    var index = t < 0 ? -1 : _segment.IndexOf(t);
                    if (index < 0 || StreamPlanner.Reads(patchable, ctx, data, i, computed, _graph.Tensors[t].Shape[2]) is not { } region)
                    {
                        inputs.Add(null);
                        continue;
                    }
                    // The rows read, from the full input or from the window (which holds rows from held[index].Y0).
                    var first = index == 0 ? 0 : held[index].Y0;
                    var source = index == 0 ? full.Bytes(t) : windows[index];
                    views.Bind(t, source.Slice((region.Y0 - first) * rowBytes[index], region.Height * rowBytes[index]).ToArray());
                    inputs.Add(region);
                }
                var result = new byte[computed.Height * rowBytes[own]];
                views.Bind(op.Outputs[0], result);
                definition.Eval(patchable.ForPatch(ctx, data, inputs, computed), views);
                if (own == tensors.Length - 1)
                {
                    result.CopyTo(full.WritableBytes(op.Outputs[0])[(computed.Y0 * rowBytes[own])..]);
                    continue;
                }
                // Slide: keep the rows from the band's new first held row, then append the new rows after them.
                var next = _segment.Bands[band].Held[own];
                var keep = held[own].Height == 0 ? 0 : held[own].Y1 - next.Y0;
                if (keep > 0)
                {
                    windows[own].AsSpan((next.Y0 - held[own].Y0) * rowBytes[own], keep * rowBytes[own]).CopyTo(windows[own]);
                }
                result.CopyTo(windows[own].AsSpan(keep * rowBytes[own]));
                held[own] = next;
            }
        }
    }
}

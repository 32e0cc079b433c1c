using MicroGen.Diagnostics;
using MicroGen.Emit;
using MicroGen.Ir;
using MicroGen.Pipeline;
using MicroGen.Planning;
using MicroGen.Simulator.Core;
using MicroGen.Simulator.Elf;

namespace MicroGen.Verify;

/// <summary>
/// The --check-memory rule, enforced on every store the simulator sees inside a layer function: a layer may write its
/// output buffer(s), its scratch, and the stack; anything else (another tensor, free arena bytes, static data) is
/// recorded with the layer, the address and what it hit. Only the first violation is kept.
/// </summary>
public sealed class MemoryChecker
{
    private readonly Dictionary<string, (long Start, long End)[]> _allowed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _stepOfLayer = new(StringComparer.Ordinal);
    private readonly PreparedModel _model;
    private readonly uint _arena;
    private readonly uint _stackLow;
    private readonly uint _stackHigh;

    public MemoryChecker(PreparedModel model, string elf)
    {
        _model = model;
        if (!ElfImage.TryLoad(elf, out var image, out var error) || image is null)
        {
            throw new UserErrorException($"{elf}: {error}");
        }
        _arena = image.FindSymbol("mg_arena")?.Address ?? throw new UserErrorException($"{elf}: no mg_arena symbol (not MicroGen firmware?)");
        _stackLow = image.FindSymbol("__StackLimit")?.Address ?? 0;
        _stackHigh = image.FindSymbol("__StackTop")?.Address ?? 0;
        var plan = model.Plan;
        var graph = model.Graph;
        foreach (var step in plan.Steps)
        {
            var scratch = step.ScratchBuffer < 0 ? null : ((long, long)?)(plan.Offsets[step.ScratchBuffer], plan.Offsets[step.ScratchBuffer] + plan.Buffers[step.ScratchBuffer].Bytes);
            if (step.IsPatchStage)
            {
                var stage = plan.Patch!;
                var layout = plan.PatchLayout!;
                var block = plan.Offsets[step.ScratchBuffer];
                for (var k = 0; k < stage.Operators.Length; k++)
                {
                    var op = graph.Operators[stage.Operators[k]];
                    var output = graph.Tensors[op.Outputs[0]];
                    var start = block + layout.OffsetOf(stage, output.Index);
                    var bytes = stage.Patches.Max(p => p.RegionOf(stage, output.Index).Pixels) * output.Shape[3] * output.Type.SizeInBytes();
                    var ranges = new List<(long, long)> { (start, start + bytes) };
                    if (layout.ScratchOffsets[k] >= 0)
                    {
                        var scratchStart = block + layout.ScratchOffsets[k];
                        ranges.Add((scratchStart, scratchStart + model.Plan.Buffers[step.ScratchBuffer].Bytes));
                    }
                    _allowed[FirmwareEmitter.LayerSymbol(op)] = ranges.ToArray();
                    _stepOfLayer[FirmwareEmitter.LayerSymbol(op)] = step.Step;
                }
                if (stage.HasTail)
                {
                    // The tail writes its accumulators (in the block) and, after the last patch, its output.
                    var tail = graph.Operators[stage.Tail];
                    var accumulators = block + layout.AccumulatorOffset;
                    var result = plan.TensorOffset(stage.ResultTensor);
                    _allowed[FirmwareEmitter.LayerSymbol(tail)] =
                    [
                        (accumulators, accumulators + layout.AccumulatorBytes),
                        (result, result + graph.Tensors[stage.ResultTensor].SizeInBytes),
                    ];
                    _stepOfLayer[FirmwareEmitter.LayerSymbol(tail)] = step.Step;
                }
                continue;
            }
            if (step.IsStream)
            {
                // Each operator writes its window (sliding it) or, the last one, the segment's output; and the shared scratch.
                var segment = plan.Streams[step.Stream];
                var layout = plan.StreamLayouts[step.Stream];
                var block = plan.Offsets[step.ScratchBuffer];
                foreach (var index in segment.Operators)
                {
                    var op = graph.Operators[index];
                    var output = graph.Tensors[op.Outputs[0]];
                    var start = segment.IsWindow(output.Index) ? block + layout.OffsetOf(segment, output.Index) : plan.TensorOffset(output.Index);
                    var bytes = segment.IsWindow(output.Index)
                        ? (long)segment.WindowRows[segment.IndexOf(output.Index)] * output.Shape[2] * output.Shape[3] * output.Type.SizeInBytes()
                        : output.SizeInBytes;
                    var ranges = new List<(long, long)> { (start, start + bytes) };
                    if (layout.ScratchOffset >= 0)
                    {
                        ranges.Add((block + layout.ScratchOffset, block + layout.Bytes));
                    }
                    _allowed[FirmwareEmitter.LayerSymbol(op)] = ranges.ToArray();
                    _stepOfLayer[FirmwareEmitter.LayerSymbol(op)] = step.Step;
                }
                continue;
            }
            var layerOp = graph.Operators[step.Operator];
            var allowed = layerOp.Outputs.Where(plan.HasBuffer)
                .Select(t => (plan.TensorOffset(t), plan.TensorOffset(t) + graph.Tensors[t].SizeInBytes)).ToList();
            if (scratch is { } s)
            {
                allowed.Add(s);
            }
            _allowed[FirmwareEmitter.LayerSymbol(layerOp)] = allowed.ToArray();
            _stepOfLayer[FirmwareEmitter.LayerSymbol(layerOp)] = step.Step;
        }
    }

    public MemoryViolation? Violation { get; private set; }

    /// <summary>The simulator's write observer.</summary>
    public void Observe(WriteAccess access)
    {
        if (Violation is not null || access.Layer is null || !_allowed.TryGetValue(access.Layer, out var ranges))
        {
            return;
        }
        if (access.Address >= _stackLow && access.Address + (uint)access.Size <= _stackHigh)
        {
            return;
        }
        var offset = (long)access.Address - _arena;
        foreach (var (start, end) in ranges)
        {
            if (offset >= start && offset + access.Size <= end)
            {
                return;
            }
        }
        Violation = new MemoryViolation(access.Layer, access.Address, access.Size, access.Pc, Describe(offset, _stepOfLayer[access.Layer]));
    }

    private string Describe(long offset, int step)
    {
        var plan = _model.Plan;
        if (offset < 0 || offset >= plan.ArenaBytes)
        {
            return "memory outside the arena (static data or another region)";
        }
        for (var b = 0; b < plan.Buffers.Length; b++)
        {
            var buffer = plan.Buffers[b];
            foreach (var placement in buffer.Tensors)
            {
                var start = plan.Offsets[b] + placement.Offset;
                var tensor = _model.Graph.Tensors[placement.Tensor];
                var segment = buffer.Segments.FirstOrDefault(s => s.Start == placement.Offset && s.End == placement.Offset + tensor.SizeInBytes);
                if (offset >= start && offset < start + tensor.SizeInBytes && segment.First <= step && step <= segment.Last)
                {
                    return $"tensor '{tensor.Name}' (arena offset {offset}, live at this step)";
                }
            }
            if (buffer.Kind == BufferKind.Scratch && offset >= plan.Offsets[b] && offset < plan.Offsets[b] + buffer.Bytes && buffer.LiveAt(step))
            {
                return $"{buffer.Name} (arena offset {offset})";
            }
        }
        return $"arena bytes no tensor uses at this step (offset {offset})";
    }
}

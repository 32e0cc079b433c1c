using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Placement;

namespace MicroGen.Planning.Streams;

/// <summary>
/// Builds and chooses row-streamed segments (<see cref="StreamSegment"/>): runs of sliding-window and elementwise
/// operators between two points of the operator order where exactly one tensor is live, executed band by band with line
/// buffers. Nothing is recomputed (the MACs are the per-layer MACs), so the only cost is memory for the windows; a
/// segment pays off where an expanded map would otherwise exist whole (the inverted-bottleneck blocks of MobileNetV2-like
/// networks).
/// </summary>
public static class StreamPlanner
{
    /// <summary>The longest run of operators the automatic choice tries as one segment.</summary>
    public const int MaxOperators = 12;

    /// <summary>
    /// The segment that runs <paramref name="operators"/> (consecutive in the execution order) in bands of
    /// <paramref name="bandRows"/> rows of the last operator's output.
    /// </summary>
    public static StreamSegment Build(Graph graph, IReadOnlyList<int> operators, int bandRows = 1, PlanOptions? options = null, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var target = (options ?? PlanOptions.Default).Target;
        var ops = operators.Select(i => graph.Operators[i]).ToList();
        var name = $"operators {ops[0].Number}-{ops[^1].Number}";
        var prepared = ops.Select(op =>
        {
            var definition = reg.For(op);
            var ctx = new OpContext(graph, op);
            var data = definition.Prepare(ctx);
            return definition is IPatchableOperator patchable && op.Outputs.Length == 1 && graph.Tensors[op.Outputs[0]].Shape is [1, _, _, _]
                && patchable.CanPatch(ctx, data)
                ? (Ctx: ctx, Data: data, Patchable: patchable)
                : throw new UnsupportedModelException($"{op.Describe()} cannot run row by row");
        }).ToList();
        var outputs = ops.Select(o => o.Outputs[0]).ToList();
        var external = ops.SelectMany(o => o.Inputs).Where(t => t >= 0 && !graph.Tensors[t].IsConstant && !outputs.Contains(t)).Distinct().ToList();
        if (external is not [var input] || graph.Tensors[input].Shape is not [1, _, _, _])
        {
            throw new UnsupportedModelException($"{name} read {external.Count} feature maps; a row-streamed segment reads exactly one 4-D map");
        }
        for (var k = 0; k < ops.Count; k++)
        {
            if (ops[k].Inputs.Any(t => outputs.IndexOf(t) >= k))
            {
                throw new ArgumentException($"{name}: {ops[k].Describe()} reads a tensor written at or after it; the operators must be in execution order");
            }
        }
        for (var k = 0; k < ops.Count - 1; k++)
        {
            var tensor = outputs[k];
            if (graph.Outputs.Contains(tensor) || graph.Operators.Any(o => o.Inputs.Contains(tensor) && !operators.Contains(o.Index)))
            {
                throw new UnsupportedModelException($"{name}: tensor '{graph.Tensors[tensor].Name}' is read after the segment, so it cannot live in a window");
            }
        }
        if (bandRows < 1)
        {
            throw new UserErrorException($"{name}: a band needs at least one row, not {bandRows}");
        }
        int[] tensors = [input, .. outputs];
        var count = tensors.Length;
        var heights = tensors.Select(t => graph.Tensors[t].Shape[1]).ToArray();
        var widths = tensors.Select(t => graph.Tensors[t].Shape[2]).ToArray();
        PatchRegion Rows(int index, int y0, int y1) => new(y0, y1, 0, widths[index]);
        PatchRegion? Needs(int k, int inputIndex, PatchRegion output) =>
            prepared[k].Patchable.Required(prepared[k].Ctx, prepared[k].Data, inputIndex, output);

        var produced = new int[ops.Count];
        var held = new PatchRegion[count];
        held[0] = Rows(0, 0, heights[0]);
        held[^1] = Rows(count - 1, 0, heights[^1]);
        var window = new int[count];
        var bands = new List<StreamBand>();
        for (var y0 = 0; y0 < heights[^1]; y0 += bandRows)
        {
            // Backward: the rows each tensor must reach for this band's output rows.
            var needEnd = new int[count];
            needEnd[^1] = Math.Min(heights[^1], y0 + bandRows);
            var computed = new PatchRegion[ops.Count];
            for (var k = ops.Count - 1; k >= 0; k--)
            {
                computed[k] = Rows(k + 1, produced[k], Math.Max(produced[k], needEnd[k + 1]));
                if (computed[k].Height == 0)
                {
                    continue;
                }
                for (var i = 0; i < ops[k].Inputs.Length; i++)
                {
                    var t = Array.IndexOf(tensors, ops[k].Inputs[i]);
                    if (t < 0)
                    {
                        continue;
                    }
                    if (Needs(k, i, computed[k]) is not { } region)
                    {
                        if (t > 0)
                        {
                            throw new UnsupportedModelException($"{ops[k].Describe()} reads '{graph.Tensors[tensors[t]].Name}' whole, so it cannot live in a window");
                        }
                        continue;
                    }
                    needEnd[t] = Math.Max(needEnd[t], region.Y1);
                }
            }
            // Forward: each operator drops the rows of its output no reader needs any more, then appends its new rows.
            for (var k = 0; k < ops.Count; k++)
            {
                if (computed[k].Height == 0)
                {
                    continue;
                }
                for (var i = 0; i < ops[k].Inputs.Length; i++)
                {
                    var t = Array.IndexOf(tensors, ops[k].Inputs[i]);
                    if (t >= 0 && Needs(k, i, computed[k]) is { } region && (region.Y0 < held[t].Y0 || region.Y1 > held[t].Y1))
                    {
                        throw new InvalidOperationException($"{name}: {ops[k].Describe()} needs {region} of a window holding {held[t]}");
                    }
                }
                var own = k + 1;
                if (own < count - 1)
                {
                    var low = computed[k].Y0;
                    for (var c = k + 1; c < ops.Count; c++)
                    {
                        for (var i = 0; i < ops[c].Inputs.Length; i++)
                        {
                            if (ops[c].Inputs[i] == tensors[own] && produced[c] < heights[c + 1]
                                && Needs(c, i, Rows(c + 1, produced[c], produced[c] + 1)) is { } next)
                            {
                                low = Math.Min(low, next.Y0);
                            }
                        }
                    }
                    held[own] = Rows(own, Math.Max(low, held[own].Y0), computed[k].Y1);
                    window[own] = Math.Max(window[own], held[own].Height);
                }
                produced[k] = computed[k].Y1;
            }
            bands.Add(new StreamBand(computed.ToArray(), held.ToArray()));
        }
        // Rows of an intermediate map that no reader needs (the bottom of a VALID strided window) are never computed.
        if (produced[^1] != heights[^1])
        {
            throw new InvalidOperationException($"{name}: {ops[^1].Describe()} computed {produced[^1]} of {heights[^1]} rows");
        }
        return new StreamSegment(operators.ToArray(), tensors, input, outputs[^1], bandRows, bands.ToArray(), window,
            OutputOffset(graph, ops, tensors, bands, Needs, target, reg), ops.Min(o => o.Number), ops[^1].Number);
    }

    /// <summary>
    /// Where the output may start relative to the input so that no output row lands on input bytes still to be read:
    /// at most the smallest gap, over bands, between the end of what has been written and the first input byte read later.
    /// The last operator may read the input rows it writes in the same band only when its kernel works in place at the
    /// same address (an elementwise operator). Null when sharing would not save bytes.
    /// </summary>
    private static long? OutputOffset(Graph graph, List<Operator> ops, int[] tensors, List<StreamBand> bands, Func<int, int, PatchRegion, PatchRegion?> needs,
        TargetFeatures target, OperatorRegistry reg)
    {
        var input = graph.Tensors[tensors[0]];
        var output = graph.Tensors[tensors[^1]];
        var inputRow = (long)input.Shape[2] * input.Shape[3] * input.Type.SizeInBytes();
        var outputRow = (long)output.Shape[2] * output.Shape[3] * output.Type.SizeInBytes();
        var last = ops[^1];
        var lastCtx = new OpContext(graph, last);
        var inPlaceInputs = reg.For(last).StorageOptions(lastCtx, target).Where(o => o.Mode == StorageMode.InPlace).Select(o => o.InputIndex).ToHashSet();
        var firstRead = new long[bands.Count];
        var sameAddress = false;
        var limit = long.MaxValue;
        for (var j = 0; j < bands.Count; j++)
        {
            firstRead[j] = long.MaxValue;
            for (var k = 0; k < ops.Count; k++)
            {
                var region = bands[j].Computed[k];
                if (region.Height == 0)
                {
                    continue;
                }
                for (var i = 0; i < ops[k].Inputs.Length; i++)
                {
                    if (ops[k].Inputs[i] != tensors[0] || needs(k, i, region) is not { } read)
                    {
                        continue;
                    }
                    if (k < ops.Count - 1)
                    {
                        firstRead[j] = Math.Min(firstRead[j], read.Y0 * inputRow);
                    }
                    else if (inPlaceInputs.Contains(i) && read == region && inputRow == outputRow)
                    {
                        // Read element by element as the same band's output is written over it: only at the same address.
                        sameAddress = true;
                    }
                    else
                    {
                        limit = Math.Min(limit, read.Y0 * inputRow - region.Y1 * outputRow);
                    }
                }
            }
        }
        var later = long.MaxValue;
        for (var j = bands.Count - 1; j >= 0; j--)
        {
            if (later != long.MaxValue)
            {
                limit = Math.Min(limit, later - bands[j].Computed[ops.Count - 1].Y1 * outputRow);
            }
            later = Math.Min(later, firstRead[j]);
        }
        if (sameAddress && limit < 0)
        {
            return null;
        }
        var offset = limit >= 0 ? 0 : -((-limit + 7) / 8 * 8);
        var shared = Math.Max(input.SizeInBytes, offset + output.SizeInBytes) - Math.Min(0, offset);
        return shared < input.SizeInBytes + output.SizeInBytes ? offset : null;
    }

    /// <summary>
    /// Points of <paramref name="order"/> (0: before the first operator, n: after the last) where exactly one tensor is
    /// live: the model input or produced before the point and read after it (or a model output).
    /// </summary>
    public static IReadOnlyList<int> Cuts(Graph graph, IReadOnlyList<int> order)
    {
        var lastRead = new Dictionary<int, int>();
        for (var p = 0; p < order.Count; p++)
        {
            foreach (var t in graph.Operators[order[p]].Inputs.Where(t => t >= 0 && !graph.Tensors[t].IsConstant))
            {
                lastRead[t] = p;
            }
        }
        foreach (var t in graph.Outputs)
        {
            lastRead[t] = order.Count;
        }
        var cuts = new List<int>();
        var live = new HashSet<int>(graph.Inputs);
        for (var p = 0; p <= order.Count; p++)
        {
            live.RemoveWhere(t => !lastRead.TryGetValue(t, out var last) || last < p);
            if (live.Count == 1 && !graph.Tensors.Any(t => t.IsVariable))
            {
                cuts.Add(p);
            }
            if (p < order.Count)
            {
                live.UnionWith(graph.Operators[order[p]].Outputs);
            }
        }
        return cuts;
    }

    /// <summary>
    /// The runs of <paramref name="order"/> between two cuts, at most <see cref="MaxOperators"/> long, that can run as a
    /// segment (sliding-window and elementwise operators on one-batch maps, reading one map).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> Candidates(Graph graph, IReadOnlyList<int> order, PlanOptions? options = null, OperatorRegistry? registry = null)
    {
        var cuts = Cuts(graph, order);
        var runs = new List<IReadOnlyList<int>>();
        for (var i = 0; i < cuts.Count; i++)
        {
            for (var j = i + 1; j < cuts.Count && cuts[j] - cuts[i] <= MaxOperators; j++)
            {
                var run = order.Skip(cuts[i]).Take(cuts[j] - cuts[i]).ToArray();
                try
                {
                    Build(graph, run, 1, options, registry);
                    runs.Add(run);
                }
                catch (UnsupportedModelException)
                {
                    // Not a segment (an operator that cannot run row by row, a map read whole).
                }
            }
        }
        return runs;
    }

    /// <summary>
    /// The rows of an input an operator reads to compute <paramref name="computed"/>: exactly the rows its window needs,
    /// across the full width (so the kernel sees no negative padding and a 1x1 layer's input rows match its output rows).
    /// Null for an input read whole (a broadcast operand).
    /// </summary>
    public static PatchRegion? Reads(IPatchableOperator patchable, OpContext ctx, object data, int inputIndex, PatchRegion computed, int inputWidth) =>
        patchable.Required(ctx, data, inputIndex, computed) is { } region ? new PatchRegion(region.Y0, region.Y1, 0, inputWidth) : null;

    /// <summary><paramref name="order"/> with the segment's operators together where its first one stands (they are consecutive in a candidate's order).</summary>
    public static int[] OrderWith(StreamSegment segment, IReadOnlyList<int> order)
    {
        var before = order.TakeWhile(op => op != segment.Operators[0]).ToList();
        return [.. before, .. segment.Operators, .. order.Where(op => !segment.Runs(op) && !before.Contains(op))];
    }

    /// <summary>
    /// Chooses the segments that lower the peak of <paramref name="perLayer"/> most: between consecutive cuts only the
    /// cut tensor is live, so the peak is the largest of the parts' peaks, and a dynamic programme over the cuts picks,
    /// part by part, per-layer execution (the per-layer plan's live bytes there) or a segment (its input and output, shared
    /// where rows allow, plus its windows and scratch). Segments away from the peak then get taller bands. Returns no
    /// segments when none lowers the peak.
    /// </summary>
    public static IReadOnlyList<StreamSegment> Auto(Graph graph, PlanOptions options, MemoryPlan perLayer, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var order = perLayer.Steps.Select(s => s.Operator).ToArray();
        if (perLayer.Steps.Any(s => s.IsPatchStage || s.IsStream))
        {
            throw new ArgumentException("the plan to improve must run layer by layer");
        }
        var storage = MemoryPlanner.StorageOptionsOf(graph, options, reg);
        var live = new long[order.Length];
        foreach (var buffer in perLayer.Buffers)
        {
            for (var step = 0; step < order.Length; step++)
            {
                var alive = buffer.Segments.Where(s => s.First <= step && step <= s.Last).ToList();
                if (alive.Count > 0)
                {
                    live[step] += PlacementProblem.AlignUp(alive.Max(s => s.End) - alive.Min(s => s.Start), options.Alignment);
                }
            }
        }
        var cuts = Cuts(graph, order);
        if (cuts.Count < 2)
        {
            return [];
        }
        long PerLayer(int from, int to) => live.Skip(from).Take(to - from).DefaultIfEmpty(0).Max();
        var best = new long[cuts.Count];
        var choice = new (int From, StreamSegment? Segment)[cuts.Count];
        for (var j = 1; j < cuts.Count; j++)
        {
            best[j] = Math.Max(best[j - 1], PerLayer(cuts[j - 1], cuts[j]));
            choice[j] = (j - 1, null);
            for (var i = j - 1; i >= 0 && cuts[j] - cuts[i] <= MaxOperators; i--)
            {
                if (cuts[j] - cuts[i] < 2)
                {
                    continue;
                }
                StreamSegment segment;
                try
                {
                    segment = Build(graph, order[cuts[i]..cuts[j]], 1, options, reg);
                }
                catch (UnsupportedModelException)
                {
                    continue;
                }
                var cost = Math.Max(best[i], IoBytes(graph, segment, options) + Layout(graph, segment, storage, options).Bytes);
                if (cost < best[j])
                {
                    best[j] = cost;
                    choice[j] = (i, segment);
                }
            }
        }
        var chosen = new List<StreamSegment>();
        for (var j = cuts.Count - 1; j > 0; j = choice[j].From)
        {
            if (choice[j].Segment is { } segment)
            {
                chosen.Insert(0, segment);
            }
        }
        // Fewer, taller bands cost fewer kernel calls and window slides: a segment away from the peak gets the tallest
        // band (up to 8 rows) whose bytes stay within the peak, kept only if the whole plan does not grow.
        var peak = best[^1];
        var widened = chosen.Select(segment =>
        {
            var tallest = segment;
            for (var rows = 2; rows <= 8; rows *= 2)
            {
                var taller = Build(graph, segment.Operators.Items, rows, options, reg);
                if (IoBytes(graph, taller, options) + Layout(graph, taller, storage, options).Bytes > peak)
                {
                    break;
                }
                tallest = taller;
            }
            return tallest;
        }).ToList();
        return widened.SequenceEqual(chosen)
            || MemoryPlanner.Plan(graph, options, reg, streams: widened).ArenaBytes > MemoryPlanner.Plan(graph, options, reg, streams: chosen).ArenaBytes
            ? chosen : widened;
    }

    /// <summary>The bytes of a segment's input and output in the arena: shared where the output may overlap the input.</summary>
    private static long IoBytes(Graph graph, StreamSegment segment, PlanOptions options)
    {
        var input = PlacementProblem.AlignUp(graph.Tensors[segment.InputTensor].SizeInBytes, options.Alignment);
        var output = PlacementProblem.AlignUp(graph.Tensors[segment.OutputTensor].SizeInBytes, options.Alignment);
        if (options.InputOutsideArena && graph.Inputs.Contains(segment.InputTensor))
        {
            return output;
        }
        return segment.OutputOffsetFromInput is { } offset ? Math.Max(input, offset + output) - Math.Min(0, offset) : input + output;
    }

    /// <summary>The segment's block: its windows one after another, then the largest kernel scratch of its operators.</summary>
    public static StreamLayout Layout(Graph graph, StreamSegment segment, IReadOnlyList<StorageOption>[] storage, PlanOptions options)
    {
        var offsets = new long[segment.Tensors.Length];
        long next = 0;
        for (var t = 0; t < segment.Tensors.Length; t++)
        {
            var tensor = graph.Tensors[segment.Tensors[t]];
            if (!segment.IsWindow(tensor.Index))
            {
                offsets[t] = -1;
                continue;
            }
            offsets[t] = next;
            next += PlacementProblem.AlignUp((long)segment.WindowRows[t] * tensor.Shape[2] * tensor.Shape[3] * tensor.Type.SizeInBytes(), options.Alignment);
        }
        var scratch = segment.Operators.Max(op => storage[op][0].ScratchBytes);
        return new StreamLayout(offsets, scratch > 0 ? next : -1, next + scratch);
    }
}

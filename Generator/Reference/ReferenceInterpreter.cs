using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Streams;

namespace MicroGen.Reference;

/// <summary>
/// The oracle: runs a graph with the reference kernels, bit-exact with TensorFlow Lite Micro.
/// Construction validates and prepares every operator once; Invoke only evaluates.
/// </summary>
public sealed class ReferenceInterpreter
{
    private readonly (OperatorDefinition Definition, object Data)[] _prepared;
    private readonly PatchStage? _patch;
    private readonly PatchExecutor? _patchExecutor;
    private readonly (StreamSegment Segment, StreamExecutor Executor)[] _streams;

    /// <summary>
    /// Prepares the graph; with <paramref name="patch"/>, the stage's operators run patch by patch, and with
    /// <paramref name="streams"/> each segment's operators run band by band, as the firmware runs them.
    /// </summary>
    public ReferenceInterpreter(Graph graph, OperatorRegistry? registry = null, PatchStage? patch = null, IReadOnlyList<StreamSegment>? streams = null)
    {
        Graph = graph;
        GraphValidator.Validate(graph, registry);
        var reg = registry ?? OperatorRegistry.Default;
        _prepared = graph.Operators
            .Select(op => (reg.For(op), reg.For(op).Prepare(new OpContext(graph, op))))
            .ToArray();
        Buffers = new TensorBuffers(graph);
        _patch = patch;
        _patchExecutor = patch is null ? null : new PatchExecutor(graph, patch, reg);
        _streams = (streams ?? []).Select(s => (s, new StreamExecutor(graph, s, reg))).ToArray();
        foreach (var (segment, _) in _streams)
        {
            if (graph.Operators.FirstOrDefault(o => o.Index < segment.Operators.Max() && !segment.Runs(o.Index) && o.Inputs.Contains(segment.OutputTensor)) is { } early)
            {
                throw new ArgumentException($"{early.Describe()} reads the output of the segment of {segment} before the segment's last operator index");
            }
        }
    }

    public Graph Graph { get; }

    /// <summary>The tensors of the last invocation (variable tensors persist between invocations).</summary>
    public TensorBuffers Buffers { get; }

    /// <summary>Runs the graph on raw input bytes (one array per graph input) and returns the raw outputs.</summary>
    public byte[][] Invoke(IReadOnlyList<byte[]> inputs, Action<Operator, TensorBuffers>? afterEachOperator = null)
    {
        if (inputs.Count != Graph.Inputs.Length)
        {
            throw new UserErrorException($"the model has {Graph.Inputs.Length} inputs but {inputs.Count} were given");
        }
        for (var i = 0; i < inputs.Count; i++)
        {
            var tensor = Graph.Tensors[Graph.Inputs[i]];
            var target = Buffers.WritableBytes(tensor.Index);
            if (inputs[i].Length != target.Length)
            {
                throw new UserErrorException($"input {i} '{tensor.Name}' needs {target.Length} bytes ({tensor.Describe()}) but {inputs[i].Length} were given");
            }
            inputs[i].CopyTo(target);
        }
        var stageDone = false;
        for (var i = 0; i < _prepared.Length; i++)
        {
            if (_patch is not null && _patch.Runs(i))
            {
                // The whole stage runs where its first operator would: everything it reads is ready by then.
                if (!stageDone)
                {
                    _patchExecutor!.Run(Buffers);
                    stageDone = true;
                }
                continue;
            }
            if (Array.FindIndex(_streams, s => s.Segment.Runs(i)) is var stream and >= 0)
            {
                // A segment runs where the last of its operators (by index) would: its input is ready long before.
                if (_streams[stream].Segment.Operators.Max() == i)
                {
                    _streams[stream].Executor.Run(Buffers);
                }
                continue;
            }
            _prepared[i].Definition.Eval(_prepared[i].Data, Buffers);
            afterEachOperator?.Invoke(Graph.Operators[i], Buffers);
        }
        return Graph.Outputs.Select(o => Buffers.Bytes(o).ToArray()).ToArray();
    }
}

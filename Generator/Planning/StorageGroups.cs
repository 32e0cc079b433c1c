using MicroGen.Ir;
using MicroGen.Ops;

namespace MicroGen.Planning;

/// <summary>
/// Tensors that share storage, each at a fixed offset inside its group's buffer. A group's lifetime is the union of
/// its members'. Sharing is allowed only when no member of the input's group is read after the sharing step.
/// </summary>
internal sealed class StorageGroups
{
    private readonly Graph _graph;
    private readonly int[] _groupOf;
    private readonly List<List<(int Tensor, long Offset)>> _members = [];
    private readonly int[] _firstUse;
    private readonly int[] _lastUse;
    private readonly int _lastStep;

    private readonly bool _inputsOutside;

    public StorageGroups(Graph graph, IReadOnlyList<ScheduledStep> schedule, bool inputsOutside)
    {
        _graph = graph;
        _inputsOutside = inputsOutside;
        _groupOf = Enumerable.Repeat(-1, graph.Tensors.Length).ToArray();
        _lastStep = Math.Max(0, schedule.Count - 1);
        _firstUse = Enumerable.Repeat(int.MaxValue, graph.Tensors.Length).ToArray();
        _lastUse = Enumerable.Repeat(-1, graph.Tensors.Length).ToArray();
        foreach (var t in graph.Inputs)
        {
            _firstUse[t] = 0;
        }
        for (var step = 0; step < schedule.Count; step++)
        {
            var op = schedule[step];
            foreach (var t in op.Inputs.Where(t => t >= 0))
            {
                _lastUse[t] = Math.Max(_lastUse[t], step);
                _firstUse[t] = Math.Min(_firstUse[t], step);
            }
            foreach (var t in op.Outputs)
            {
                _firstUse[t] = Math.Min(_firstUse[t], step);
                _lastUse[t] = Math.Max(_lastUse[t], step);
            }
        }
        foreach (var tensor in graph.Tensors)
        {
            if (tensor.IsVariable)
            {
                _firstUse[tensor.Index] = 0;
                _lastUse[tensor.Index] = _lastStep;
            }
        }
        foreach (var t in graph.Outputs)
        {
            _lastUse[t] = _lastStep;
        }
        foreach (var t in graph.Inputs)
        {
            EnsureOwnGroup(t);
        }
        foreach (var tensor in graph.Tensors.Where(t => t.IsVariable))
        {
            EnsureOwnGroup(tensor.Index);
        }
    }

    public void EnsureOwnGroup(int tensor)
    {
        if (_groupOf[tensor] < 0 && !_graph.Tensors[tensor].IsConstant)
        {
            _groupOf[tensor] = _members.Count;
            _members.Add([(tensor, 0)]);
        }
    }

    /// <summary>Applies <paramref name="option"/> for <paramref name="op"/> at <paramref name="step"/> if the graph allows it.</summary>
    public bool TryShare(ScheduledStep op, int step, StorageOption option)
    {
        if (option.Mode == StorageMode.Separate || option.InputIndex < 0 || option.InputIndex >= op.Inputs.Length || op.Outputs.Length != 1)
        {
            return false;
        }
        var input = op.Inputs[option.InputIndex];
        var output = op.Outputs[0];
        if (input < 0 || _graph.Tensors[input].IsConstant || _groupOf[input] < 0 || _groupOf[output] >= 0)
        {
            return false;
        }
        var group = _groupOf[input];
        // A model input held outside the arena may be aliased (read as another shape) but never written over.
        if (_inputsOutside && option.Mode != StorageMode.Alias && _members[group].Any(m => _graph.Inputs.Contains(m.Tensor)))
        {
            return false;
        }
        var inputOffset = _members[group].First(m => m.Tensor == input).Offset;
        if (option.Mode != StorageMode.Alias)
        {
            // Writing over the input: no other operand of this operator may live in the same storage (the kernel
            // promises safety only for the input it streams over), nothing in the group may be read later, be a
            // variable, or be a model output (a model input may be overwritten once consumed).
            for (var j = 0; j < op.Inputs.Length; j++)
            {
                if (j != option.InputIndex && op.Inputs[j] >= 0 && _groupOf[op.Inputs[j]] == group)
                {
                    return false;
                }
            }
            foreach (var (tensor, _) in _members[group])
            {
                if (_lastUse[tensor] > step || _graph.Tensors[tensor].IsVariable || _graph.Outputs.Contains(tensor))
                {
                    return false;
                }
            }
        }
        var offset = inputOffset + option.OutputOffsetFromInput;
        if (offset < 0)
        {
            // Shift the whole group up so the new member starts at 0.
            _members[group] = _members[group].Select(m => (m.Tensor, m.Offset - offset)).ToList();
            offset = 0;
        }
        _members[group].Add((output, offset));
        _groupOf[output] = group;
        return true;
    }

    public IEnumerable<LogicalBuffer> ToBuffers()
    {
        for (var g = 0; g < _members.Count; g++)
        {
            var members = _members[g];
            var segments = members.Select(m =>
            {
                var first = _firstUse[m.Tensor] == int.MaxValue ? 0 : _firstUse[m.Tensor];
                var last = Math.Max(_lastUse[m.Tensor], first);
                return new BufferSegment(first, last, m.Offset, m.Offset + _graph.Tensors[m.Tensor].SizeInBytes);
            }).ToArray();
            var kind = members.Any(m => _graph.Tensors[m.Tensor].IsVariable) ? BufferKind.Variable
                : members.Any(m => _graph.Outputs.Contains(m.Tensor)) ? BufferKind.ModelOutput
                : members.Any(m => _graph.Inputs.Contains(m.Tensor)) ? BufferKind.ModelInput
                : BufferKind.Activation;
            var name = string.Join(" = ", members.Select(m => _graph.Tensors[m.Tensor].Name));
            yield return new LogicalBuffer(g, name, kind, segments.Max(s => s.End), segments.Min(s => s.First), segments.Max(s => s.Last),
                members.Select(m => new TensorPlacement(m.Tensor, m.Offset)).ToArray(), -1, segments);
        }
    }
}

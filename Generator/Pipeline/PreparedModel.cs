using MicroGen.Boards;
using MicroGen.Ir;
using MicroGen.Planning;

namespace MicroGen.Pipeline;

/// <summary>
/// A model imported, validated, rewritten and planned for a board: what generation and verification start from.
/// <see cref="Graph"/> is the graph the firmware computes (after exact rewrites); <see cref="Original"/> is the model as
/// imported, the one the reference interpreter checks against.
/// </summary>
public sealed record PreparedModel(string ModelPath, Graph Original, Graph Graph, Board Board, MemoryPlan Plan)
{
    public string ModelName => Path.GetFileName(ModelPath);
}

using MicroGen.Boards;
using MicroGen.Ir;
using MicroGen.Planning;

namespace MicroGen.Pipeline;

/// <summary>A model imported, validated and planned for a board: what generation and verification start from.</summary>
public sealed record PreparedModel(string ModelPath, Graph Graph, Board Board, MemoryPlan Plan)
{
    public string ModelName => Path.GetFileName(ModelPath);
}

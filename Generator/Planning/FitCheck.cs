using MicroGen.Boards;
using MicroGen.Diagnostics;
using MicroGen.Ir;

namespace MicroGen.Planning;

/// <summary>
/// Refuses, before anything is built, a plan that cannot fit the board: the arena against its RAM region (less the
/// stack when they share it), the weights against flash. The linker checks the rest to the byte.
/// </summary>
public static class FitCheck
{
    public static void Require(Graph graph, MemoryPlan plan, Board board)
    {
        if (board.IsHost)
        {
            return;
        }
        var arenaRegion = board.RamRegion(board.ArenaRegion);
        var available = arenaRegion.Size - (board.StackRegion == board.ArenaRegion ? board.StackBytes : 0);
        if (plan.ArenaBytes > available)
        {
            throw new UserErrorException(
                $"does not fit {board.Name}: region {arenaRegion.Name} needs {plan.ArenaBytes:N0} bytes for the arena"
                + (board.StackRegion == board.ArenaRegion ? $" plus {board.StackBytes:N0} for the stack" : "")
                + $" but has {arenaRegion.Size:N0} (over by {plan.ArenaBytes - available:N0})");
        }
        var weights = graph.Tensors.Where(t => t.IsConstant).Sum(t => (long)t.Data!.Length);
        var flash = board.CodeRegion;
        if (weights > flash.Size)
        {
            throw new UserErrorException(
                $"does not fit {board.Name}: region {flash.Name} needs {weights:N0} bytes for the weights but has {flash.Size:N0} (over by {weights - flash.Size:N0})");
        }
    }
}

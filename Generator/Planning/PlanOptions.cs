using MicroGen.Ops;

namespace MicroGen.Planning;

/// <summary>
/// Choices the planner honours. <see cref="InputOutsideArena"/> leaves the model inputs out of the arena (they live
/// in a buffer of the application's), as TinyEngine reports its patched plans.
/// </summary>
public sealed record PlanOptions(
    TargetFeatures Target,
    bool InPlace = true,
    bool Reorder = true,
    PlacementStrategy Placement = PlacementStrategy.Best,
    int Alignment = 4,
    bool InputOutsideArena = false)
{
    public static PlanOptions Default { get; } = new(TargetFeatures.Portable);
}

using MicroGen.Ops;

namespace MicroGen.Planning;

/// <summary>
/// What the planner schedules: one operator, or a whole patch stage (several operators looping over patches). Inputs
/// and outputs are the tensors the step reads and writes in the arena; Options are its storage choices, best first.
/// </summary>
internal sealed record ScheduledStep(int[] Operators, int[] Inputs, int[] Outputs, IReadOnlyList<StorageOption> Options);

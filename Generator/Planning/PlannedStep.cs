using MicroGen.Ops;

namespace MicroGen.Planning;

/// <summary>
/// One step of the schedule: the operator that runs (the stage's first operator for a patch stage), how its output is
/// stored, and where its scratch is (-1: none). For a patch stage the scratch block holds the patch buffers; for a
/// row-streamed segment (<see cref="Stream"/>: its index in <see cref="MemoryPlan.Streams"/>, -1: none) its windows.
/// </summary>
public sealed record PlannedStep(int Step, int Operator, StorageOption Storage, int ScratchBuffer, bool IsPatchStage = false, int Stream = -1)
{
    public bool IsStream => Stream >= 0;
}

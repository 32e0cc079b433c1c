using MicroGen.Ops;

namespace MicroGen.Planning;

/// <summary>One step of the schedule: which operator runs, how its output is stored, where its scratch is.</summary>
public sealed record PlannedStep(int Step, int Operator, StorageOption Storage, int ScratchBuffer);

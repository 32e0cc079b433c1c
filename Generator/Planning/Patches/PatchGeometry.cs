using MicroGen.Ir;

namespace MicroGen.Planning.Patches;

/// <summary>One patch: for each operator of the stage (in order), the input rectangle it reads and the output rectangle it computes.</summary>
public sealed record PatchGeometry(EquatableArray<PatchRegion> Inputs, EquatableArray<PatchRegion> Outputs);

namespace MicroGen.Build;

/// <summary>A built firmware: the executable, and its flash and static RAM use by region.</summary>
public sealed record BuildResult(string Executable, long FlashBytes, long StaticRamBytes, IReadOnlyList<RegionUse> Regions);

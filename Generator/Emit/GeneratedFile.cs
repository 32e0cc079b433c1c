namespace MicroGen.Emit;

/// <summary>One file of a generated project: its relative path (forward slashes) and its exact bytes.</summary>
public sealed record GeneratedFile(string Path, byte[] Content);

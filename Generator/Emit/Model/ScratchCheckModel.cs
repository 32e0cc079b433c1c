namespace MicroGen.Emit.Model;

/// <summary>A compile-time check that a kernel's scratch macro fits the planned scratch.</summary>
public sealed record ScratchCheckModel(int Layer, string Macro, IReadOnlyList<long> Arguments, long Planned);

namespace MicroGen.Simulator.DecoderGen.Model;

/// <summary>A syntax error in a decode table, reported as a compiler diagnostic.</summary>
internal sealed record TableError(string File, int Line, string Message);

namespace MicroGen.Simulator.DecoderGen.Model;

/// <summary>One line of a decode table: a named encoding with its fixed bits and handler arguments.</summary>
internal sealed record EncodingSpec(
    string Name,
    int Width,
    uint Mask,
    uint Value,
    string Feature,
    string Timing,
    int Group,
    string File,
    int Line,
    string Pattern,
    EquatableArray<string> ArgumentExpressions);

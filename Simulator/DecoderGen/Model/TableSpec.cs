namespace MicroGen.Simulator.DecoderGen.Model;

/// <summary>The parsed content of one *.decode file.</summary>
internal sealed record TableSpec(
    string FileName,
    EquatableArray<EncodingSpec> Encodings,
    EquatableArray<string> Unimplemented,
    EquatableArray<TableError> Errors);

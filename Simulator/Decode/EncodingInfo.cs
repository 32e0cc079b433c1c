namespace MicroGen.Simulator.Decode;

/// <summary>Metadata of one decode-table line: what the overlap test, the trace and the coverage report read.</summary>
/// <param name="OpCode">The decoded operation.</param>
/// <param name="Name">Handler name: ARM ARM mnemonic plus encoding (for example <c>LdrImmT3</c>).</param>
/// <param name="Width">16 or 32 bits.</param>
/// <param name="Mask">Bits that are fixed by the pattern.</param>
/// <param name="Value">Their values.</param>
/// <param name="Feature">The architecture feature that must be present.</param>
/// <param name="Timing">The cycle-model class.</param>
/// <param name="Group">Ordering group (0 = none); members of one group may overlap, the first listed wins.</param>
/// <param name="File">The decode table file.</param>
/// <param name="Line">Its line.</param>
/// <param name="Pattern">The bit pattern as written, high bit first.</param>
public sealed record EncodingInfo(
    OpCode OpCode,
    string Name,
    int Width,
    uint Mask,
    uint Value,
    FeatureSet Feature,
    TimingClass Timing,
    int Group,
    string File,
    int Line,
    string Pattern);

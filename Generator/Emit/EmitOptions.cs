namespace MicroGen.Emit;

/// <summary>
/// Generation choices: the model's display name (source file), the default inputs linked into the firmware
/// (zeros when null), and the outputs the Renode test should expect (from the reference interpreter), if known.
/// </summary>
public sealed record EmitOptions(string Source, IReadOnlyList<byte[]>? TestInputs = null, IReadOnlyList<byte[]>? ExpectedOutputs = null);

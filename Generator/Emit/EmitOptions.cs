using MicroGen.Ops;

namespace MicroGen.Emit;

/// <summary>
/// Generation choices: the model's display name (source file), the default inputs linked into the firmware
/// (zeros when null), the outputs the Renode test should expect (from the reference interpreter), if known, and the
/// kernel features to lower for (the board's when null; must be the features the plan was made for).
/// </summary>
public sealed record EmitOptions(string Source, IReadOnlyList<byte[]>? TestInputs = null, IReadOnlyList<byte[]>? ExpectedOutputs = null,
    TargetFeatures? Target = null);

namespace MicroGen.Planning;

public enum BufferKind
{
    /// <summary>Intermediate tensors (one or several, when aliased or computed in place).</summary>
    Activation,

    /// <summary>Holds a model input (possibly reused in place by later tensors).</summary>
    ModelInput,

    /// <summary>Holds a model output: live until the end of the invocation.</summary>
    ModelOutput,

    /// <summary>Persistent state (LSTM): live for the whole invocation and kept between invocations.</summary>
    Variable,

    /// <summary>Kernel scratch of one step.</summary>
    Scratch,
}

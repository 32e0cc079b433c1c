namespace MicroGen.Simulator.Core;

/// <summary>The Cortex-M cores the simulator models.</summary>
public enum CoreKind
{
    CortexM0Plus,
    CortexM3,
    CortexM4,
    CortexM7,

    /// <summary>Modelled as an M4-class ARMv8-M Mainline subset: no TrustZone, no stack-limit registers, no v8-M-only encodings.</summary>
    CortexM33,
}

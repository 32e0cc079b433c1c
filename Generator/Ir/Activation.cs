namespace MicroGen.Ir;

/// <summary>Fused activation of an operator's output.</summary>
public enum Activation
{
    None,
    Relu,
    ReluN1To1,
    Relu6,
    Tanh,
    SignBit,
}

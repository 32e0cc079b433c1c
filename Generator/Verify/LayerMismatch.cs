namespace MicroGen.Verify;

/// <summary>The first layer whose firmware output differs from the reference: operator, tensor, how many bytes, the first difference.</summary>
public sealed record LayerMismatch(int Operator, string Kind, string Tensor, int DifferingBytes, int TotalBytes, int FirstByte, int Expected, int Actual)
{
    public override string ToString() =>
        $"first differing layer: operator {Operator} ({Kind}) writing '{Tensor}': {DifferingBytes} of {TotalBytes} bytes differ, "
        + $"first at byte {FirstByte} (reference {Expected}, firmware {Actual})";
}

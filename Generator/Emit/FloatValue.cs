using System.Globalization;

namespace MicroGen.Emit;

public sealed record FloatValue(float Value) : KernelValue
{
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture);
}

using System.Globalization;

namespace MicroGen.Emit;

public sealed record IntegerValue(long Value) : KernelValue
{
    public override string ToString() => Value.ToString(CultureInfo.InvariantCulture);
}

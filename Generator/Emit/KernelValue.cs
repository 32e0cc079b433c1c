using System.Globalization;
using MicroGen.Ir;

namespace MicroGen.Emit;

/// <summary>A value in a kernel's parameter block: an integer, a float, a constant array in flash, or none.</summary>
public abstract record KernelValue
{
    public static KernelValue Of(long value) => new IntegerValue(value);

    public static KernelValue Of(float value) => new FloatValue(value);

    /// <summary>A constant tensor of the graph, stored once in flash however many kernels read it.</summary>
    public static KernelValue Tensor(Tensor tensor) => new ArrayValue(ConstantArray.ForTensor(tensor));

    /// <summary>A per-layer table (multipliers, shifts, lookup tables) named after the layer.</summary>
    public static KernelValue Table(string name, int[] values) => new ArrayValue(ConstantArray.Int32(name, values));

    public static KernelValue Null { get; } = new NullValue();
}

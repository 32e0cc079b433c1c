using System.Buffers.Binary;
using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>
/// Reads an operator's constant parameter tensors (axis, paddings, shape, begin/end/strides, perm, size...)
/// once at Prepare time. A non-constant parameter or an unreadable one is an error naming the operator and tensor.
/// </summary>
public static class ConstantTensors
{
    /// <summary>The values of a constant int32 (or, when <paramref name="allowInt64"/>, int64) tensor, as int.</summary>
    public static int[] ReadIntegers(OpContext ctx, Tensor tensor, bool allowInt64 = true)
    {
        ctx.RequireConstant(tensor);
        if (allowInt64)
        {
            ctx.RequireType(tensor, DataType.Int32, DataType.Int64);
        }
        else
        {
            ctx.RequireType(tensor, DataType.Int32);
        }
        var bytes = tensor.Data!.Span;
        var size = tensor.Type.SizeInBytes();
        if (bytes.Length != tensor.ElementCount * size)
        {
            throw ctx.Fail(tensor, $"holds {bytes.Length} bytes, expected {tensor.ElementCount * size}");
        }
        var values = new int[tensor.ElementCount];
        for (var i = 0; i < values.Length; i++)
        {
            if (size == 4)
            {
                values[i] = BinaryPrimitives.ReadInt32LittleEndian(bytes.Slice(i * 4, 4));
            }
            else
            {
                var value = BinaryPrimitives.ReadInt64LittleEndian(bytes.Slice(i * 8, 8));
                if (value < int.MinValue || value > int.MaxValue)
                {
                    throw ctx.Fail(tensor, $"value {value} at index {i} does not fit in int32");
                }
                values[i] = (int)value;
            }
        }
        return values;
    }

    /// <summary>A constant integer tensor holding exactly one value (a scalar or a one-element vector).</summary>
    public static int ReadScalar(OpContext ctx, Tensor tensor, bool allowInt64 = true)
    {
        var values = ReadIntegers(ctx, tensor, allowInt64);
        if (values.Length != 1)
        {
            throw ctx.Fail(tensor, $"must hold exactly one value, holds {values.Length}");
        }
        return values[0];
    }
}

using MicroGen.Ir;
using MicroGen.Reference;

namespace MicroGen.Ops.Common;

/// <summary>The shared checks and Eval of the operators that only change a tensor's shape.</summary>
public static class ShapeOnlyOps
{
    /// <summary>Same type, same element count; returns the byte copy.</summary>
    public static ByteCopyData Prepare(OpContext ctx, Tensor input, Tensor output)
    {
        ctx.RequireSameType(input, output);
        if (input.Type.SizeInBytes() == 0)
        {
            throw ctx.Fail(input, $"type {input.Type.DisplayName()} is not supported here");
        }
        if (input.ElementCount != output.ElementCount)
        {
            throw ctx.Fail(output, $"has {output.ElementCount} elements, the input '{input.Name}' {input.ShapeText} has {input.ElementCount}");
        }
        return new ByteCopyData(input.Index, output.Index, checked((int)input.SizeInBytes));
    }

    public static void Eval(ByteCopyData d, TensorBuffers buffers) =>
        buffers.Bytes(d.Input)[..d.ByteCount].CopyTo(buffers.WritableBytes(d.Output));
}

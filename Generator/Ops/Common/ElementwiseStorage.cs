using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>
/// Storage options of elementwise operators: the output may be written over any input that has exactly the output's
/// shape and elements at least as large (each output element depends only on the input elements at its own index, read
/// before the write, and the kernels walk forward: output element i ends at or before input element i does, so a
/// shrinking conversion such as float32 to int8 QUANTIZE only overwrites input already read). Broadcast inputs cannot
/// be overwritten.
/// </summary>
public static class ElementwiseStorage
{
    public static IReadOnlyList<StorageOption> Options(OpContext ctx, long scratchBytes = 0)
    {
        var options = new List<StorageOption> { StorageOption.Separate(scratchBytes) };
        var output = ctx.Output(0);
        for (var i = 0; i < ctx.InputCount; i++)
        {
            var input = ctx.OptionalInput(i);
            if (input is { IsConstant: false } && input.Shape.Equals(output.Shape) && input.Type.SizeInBytes() >= output.Type.SizeInBytes())
            {
                options.Add(new StorageOption(StorageMode.InPlace, i, scratchBytes));
            }
        }
        return options;
    }
}

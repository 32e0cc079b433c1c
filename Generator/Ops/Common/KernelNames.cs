using MicroGen.Ir;

namespace MicroGen.Ops.Common;

/// <summary>How the C kernels of Runtime.C name their per-type variants (mg_add_sub_s8, mg_mul_f32, ...).</summary>
public static class KernelNames
{
    /// <summary>The suffix of an element type: s8, s16, s32 or f32.</summary>
    public static string TypeSuffix(DataType type) => type switch
    {
        DataType.Int8 => "s8",
        DataType.Int16 => "s16",
        DataType.Int32 => "s32",
        DataType.Float32 => "f32",
        _ => throw new ArgumentException($"no C kernel suffix for {type.DisplayName()}"),
    };
}

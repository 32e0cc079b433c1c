namespace MicroGen.Boards;

public enum FpuKind
{
    None,
    Fpv4Sp,
    Fpv5Sp,
    Fpv5Dp,
}

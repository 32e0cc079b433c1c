namespace MicroGen.Reference.Kernels;

/// <summary>An elementwise binary operation, as a struct so that the broadcast loop is specialised per operation.</summary>
public interface IBinaryFunction<T> where T : unmanaged
{
    T Apply(T left, T right);
}

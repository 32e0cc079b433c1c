namespace MicroGen.Reference.Kernels;

/// <summary>
/// The elementwise loop of the binary operators: output[i] = f(input1[view1(i)], input2[view2(i)]) over the output in
/// row-major order. Each output element depends on its two inputs only, so the order matches TFLM's fused loops.
/// </summary>
public static class BroadcastKernels
{
    public static void Apply<T, TFunction>(ReadOnlySpan<T> input1, StridedView view1, ReadOnlySpan<T> input2, StridedView view2,
        Span<T> output, TFunction function)
        where T : unmanaged
        where TFunction : struct, IBinaryFunction<T>
    {
        var rank = view1.Rank;
        if (rank == 0)
        {
            output[0] = function.Apply(input1[view1.Offset], input2[view2.Offset]);
            return;
        }
        if (view1.ElementCount == 0)
        {
            return;
        }
        var shape = view1.Shape;
        var inner = shape[rank - 1];
        var stride1 = view1.Strides[rank - 1];
        var stride2 = view2.Strides[rank - 1];
        var index = new int[rank];
        var offset1 = view1.Offset;
        var offset2 = view2.Offset;
        var outputOffset = 0;
        while (true)
        {
            for (var i = 0; i < inner; i++)
            {
                output[outputOffset + i] = function.Apply(input1[offset1 + i * stride1], input2[offset2 + i * stride2]);
            }
            outputOffset += inner;
            var d = rank - 2;
            for (; d >= 0; d--)
            {
                index[d]++;
                offset1 += view1.Strides[d];
                offset2 += view2.Strides[d];
                if (index[d] < shape[d])
                {
                    break;
                }
                offset1 -= shape[d] * view1.Strides[d];
                offset2 -= shape[d] * view2.Strides[d];
                index[d] = 0;
            }
            if (d < 0)
            {
                return;
            }
        }
    }
}

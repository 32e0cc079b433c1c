using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>AveragePool, MaxPool, their global forms and QLinear forms → AVERAGE_POOL_2D / MAX_POOL_2D on NHWC.</summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertPool(OnnxNodeView node)
    {
        node.RequireInputs(1, 1);
        if (node.Outputs.Count > 1 && node.Outputs[1].Length > 0)
        {
            throw node.Unsupported("the Indices output of MaxPool is not supported");
        }
        var x = Input(node, 0);
        DefineCompute(node, [x], PoolPlan(node, x, node.OpType == "MaxPool", global: false));
    }

    private void ConvertGlobalPool(OnnxNodeView node)
    {
        node.RequireInputs(1, 1);
        var x = Input(node, 0);
        DefineCompute(node, [x], PoolPlan(node, x, node.OpType == "GlobalMaxPool", global: true));
    }

    private void ConvertQLinearAveragePool(OnnxNodeView node)
    {
        node.RequireInputs(5, 5);
        RequireChannelsFirst(node);
        var x = QuantizedInput(node, 0, 1, 2);
        DefineQuantized(node, PoolPlan(node, x, max: false, global: false), ReadQuantParams(node, 3, 4, [], 0, DataType.UInt8, "output"));
    }

    private void ConvertQLinearGlobalAveragePool(OnnxNodeView node)
    {
        node.RequireInputs(5, 5);
        RequireChannelsFirst(node);
        var x = QuantizedInput(node, 0, 1, 2);
        DefineQuantized(node, PoolPlan(node, x, max: false, global: true), ReadQuantParams(node, 3, 4, [], 0, DataType.UInt8, "output"));
    }

    private static void RequireChannelsFirst(OnnxNodeView node)
    {
        if (node.Int("channels_last", 0) != 0)
        {
            throw node.Unsupported("channels_last=1 is not supported");
        }
    }

    private ComputePlan PoolPlan(OnnxNodeView node, OnnxValue x, bool max, bool global)
    {
        if (x.Shape.Length != 4)
        {
            throw node.Unsupported($"only 2-D pooling (rank-4 input) is supported, not {OnnxText.Shape(x.Shape)}");
        }
        WindowPlan window;
        if (global)
        {
            window = new WindowPlan(Padding.Valid, null, x.Shape[2], x.Shape[3], 1, 1, 1, 1, 1, 1);
        }
        else
        {
            var kernel = node.SmallInts("kernel_shape", 1, 1 << 16);
            if (kernel is null || kernel.Length != 2)
            {
                throw node.Unsupported("kernel_shape of 2 values is required (2-D pooling)");
            }
            var includePad = !max && node.Int("count_include_pad", 0) != 0;
            window = PlanWindow(node, x.Shape, kernel[0], kernel[1], sameExcludesPadding: !includePad, allowDilation: false);
            if (window.NeedsPad && !max && !includePad)
            {
                throw node.Unsupported(
                    $"pads [{string.Join(",", window.Pads!)}] with count_include_pad=0 differ from TFLite SAME padding; only VALID, SAME or count_include_pad=1 are supported");
            }
        }
        int[] shape = [x.Shape[0], x.Shape[1], window.OutputH, window.OutputW];
        var irShape = Permute(shape, ToNhwc);
        var kind = max ? OpKind.MaxPool2D : OpKind.AveragePool2D;
        var name = node.Outputs[0];
        Pool2DOptions Options(Activation activation) =>
            new(window.Padding, window.StrideH, window.StrideW, window.KernelH, window.KernelW, activation);

        void EmitQuantized(int output, Activation activation)
        {
            var input = PadIfNeeded(QuantizedTensor(x, nhwc: true), window, lowest: max, name);
            EmitSameQuantization(input, output, name, target => _draft.AddOperator(kind, [input], [target], Options(activation)));
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var input = PadIfNeeded(FloatTensor(node, x, nhwc: true), window, lowest: max, name);
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            _draft.AddOperator(kind, [input], [output], Options(activation));
            return OnnxValue.OfTensor(name, output, shape, ValueLayout.Nhwc);
        }

        return new ComputePlan(shape, irShape, ValueLayout.Nhwc, true, EmitQuantized, EmitFloat);
    }

    /// <summary>
    /// For operators whose TFLite kernels keep the input's quantization (pooling, reshapes, concatenation): emits
    /// the operator into <paramref name="output"/> directly when the quantizations agree, else into a tensor with
    /// the input's quantization followed by a requantizing QUANTIZE.
    /// </summary>
    private void EmitSameQuantization(int input, int output, string name, Action<int> emit)
    {
        var inQ = _draft.Tensor(input).Quantization;
        var outQ = _draft.Tensor(output).Quantization;
        if (inQ is not null && outQ is not null && inQ.Scale == outQ.Scale && inQ.ZeroPoint == outQ.ZeroPoint)
        {
            emit(output);
            return;
        }
        var intermediate = _draft.AddTensor(name + "_before_requantize", DataType.Int8, _draft.Tensor(output).Shape, inQ);
        emit(intermediate);
        _draft.AddOperator(OpKind.Quantize, [intermediate], [output]);
    }
}

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
        if (x.Shape.Length == 3)
        {
            var x2 = LiftTo2D(node, x);
            DefineCompute(node, [x2], LowerTo1D(PoolPlan(node.LiftedTo2D(), x2, node.OpType == "MaxPool", global: false)));
            return;
        }
        DefineCompute(node, [x], PoolPlan(node, x, node.OpType == "MaxPool", global: false));
    }

    private void ConvertGlobalPool(OnnxNodeView node)
    {
        node.RequireInputs(1, 1);
        var x = Input(node, 0);
        if (x.Shape.Length == 3)
        {
            var x2 = LiftTo2D(node, x);
            DefineCompute(node, [x2], LowerTo1D(PoolPlan(node, x2, node.OpType == "GlobalMaxPool", global: true)));
            return;
        }
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
            if (global && !max && activation == Activation.None && !SameQuantization(input, output))
            {
                // One rounding instead of two: MEAN over H and W requantizes as it averages.
                EmitReduce(OpKind.Mean, input, [1, 2], keepDims: true, output, name);
                return;
            }
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

    /// <summary>ReduceMean (axes an attribute before opset 18) and ReduceSum (axes an input) → MEAN / SUM.</summary>
    private void ConvertReduce(OnnxNodeView node)
    {
        var kind = node.OpType == "ReduceSum" ? OpKind.Sum : OpKind.Mean;
        var axesIsInput = kind == OpKind.Sum || node.Opset >= 18;
        node.RequireInputs(1, 2);
        var x = Input(node, 0);
        var rank = x.Shape.Length;
        if (axesIsInput ? node.HasAttribute("axes") : node.HasInput(1))
        {
            throw node.Malformed(axesIsInput ? $"axes is an input of {node.OpType} in opset {node.Opset}, not an attribute" : "axes is an attribute before opset 18, not an input");
        }
        var axesValues = node.HasInput(1) ? RequireConstant(node, 1, "axes").Integers() : node.Ints("axes");
        var axes = axesValues is null || axesValues.Length == 0
            ? (node.Int("noop_with_empty_axes", 0) != 0 ? [] : Enumerable.Range(0, rank).ToArray())
            : axesValues.Select(a => NormalizeAxis(node, a, rank, "axis")).Distinct().Order().ToArray();
        if (axes.Length == 0)
        {
            Define(node, x);
            return;
        }
        var keepDims = node.Int("keepdims", 1) != 0;
        var shape = keepDims
            ? x.Shape.Select((d, i) => axes.Contains(i) ? 1 : d).ToArray()
            : x.Shape.Where((_, i) => !axes.Contains(i)).ToArray();
        // On an NHWC-held map: reduce the physical axes; without keep_dims the result is plain when the kept axes
        // keep their ONNX order (reducing H and W, or C).
        var nhwcInput = LayoutOf(x) == ValueLayout.Nhwc && rank == 4;
        var physicalAxes = nhwcInput ? axes.Select(a => Array.IndexOf(ToNhwc, a)).Order().ToArray() : axes;
        var kept = nhwcInput ? ToNhwc.Where(a => !axes.Contains(a)).ToArray() : [];
        nhwcInput &= keepDims || kept.SequenceEqual(kept.Order());
        if (!nhwcInput)
        {
            physicalAxes = axes;
        }
        var layout = nhwcInput && keepDims ? ValueLayout.Nhwc : ValueLayout.Plain;
        var irShape = layout == ValueLayout.Nhwc ? Permute(shape, ToNhwc) : shape;
        var name = node.Outputs[0];

        void EmitQuantized(int output, Activation activation) =>
            EmitReduce(kind, QuantizedTensor(x, nhwcInput), physicalAxes, keepDims, output, name);

        OnnxValue EmitFloat(Activation activation)
        {
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            EmitReduce(kind, FloatTensor(node, x, nhwcInput), physicalAxes, keepDims, output, name);
            return OnnxValue.OfTensor(name, output, shape, layout);
        }

        DefineCompute(node, [x], new ComputePlan(shape, irShape, layout, false, EmitQuantized, EmitFloat));
    }

    private void EmitReduce(OpKind kind, int input, int[] axes, bool keepDims, int output, string name)
    {
        var axisTensor = _draft.AddConstant(name + "_axes", DataType.Int32, [axes.Length], axes.ToArray());
        _draft.AddOperator(kind, [input, axisTensor], [output], new ReducerOptions(keepDims));
    }

    private bool SameQuantization(int a, int b)
    {
        var qa = _draft.Tensor(a).Quantization;
        var qb = _draft.Tensor(b).Quantization;
        return qa is not null && qb is not null && qa.Scale == qb.Scale && qa.ZeroPoint == qb.ZeroPoint;
    }

    /// <summary>
    /// For operators whose TFLite kernels keep the input's quantization (pooling, reshapes, concatenation): emits
    /// the operator into <paramref name="output"/> directly when the quantizations agree, else into a tensor with
    /// the input's quantization followed by a requantizing QUANTIZE.
    /// </summary>
    private void EmitSameQuantization(int input, int output, string name, Action<int> emit)
    {
        var inQ = _draft.Tensor(input).Quantization;
        if (SameQuantization(input, output))
        {
            emit(output);
            return;
        }
        var intermediate = _draft.AddTensor(name + "_before_requantize", DataType.Int8, _draft.Tensor(output).Shape, inQ);
        emit(intermediate);
        _draft.AddOperator(OpKind.Quantize, [intermediate], [output]);
    }
}

using MicroGen.Ir;

namespace MicroGen.Import.Onnx;

/// <summary>Sliding-window geometry (Conv, pools) and the PAD operators for padding TFLite cannot express.</summary>
internal sealed partial class OnnxGraphConverter
{
    /// <summary>
    /// Plans a 2-D window on an [N,C,H,W] input. <paramref name="sameExcludesPadding"/>: the padding may be
    /// expressed as TFLite SAME (false for AveragePool with count_include_pad, whose padded zeros count).
    /// </summary>
    private static WindowPlan PlanWindow(OnnxNodeView node, int[] inputShape, int kernelH, int kernelW, bool sameExcludesPadding, bool allowDilation)
    {
        var strides = node.SmallInts("strides", 1, 1 << 16) ?? [1, 1];
        var dilations = node.SmallInts("dilations", 1, 1 << 16) ?? [1, 1];
        if (strides.Length != 2 || dilations.Length != 2)
        {
            throw node.Unsupported("only 2-D windows are supported (strides and dilations of 2 values)");
        }
        if (!allowDilation && (dilations[0] != 1 || dilations[1] != 1))
        {
            throw node.Unsupported($"dilations {dilations[0]}x{dilations[1]} are not supported for pooling");
        }
        if (kernelH <= 0 || kernelW <= 0)
        {
            throw node.Malformed($"kernel {kernelH}x{kernelW} must be positive");
        }
        var inH = inputShape[2];
        var inW = inputShape[3];
        var effH = (long)(kernelH - 1) * dilations[0] + 1;
        var effW = (long)(kernelW - 1) * dilations[1] + 1;
        var autoPad = node.String("auto_pad", "NOTSET");
        long[] pads;
        switch (autoPad)
        {
            case "NOTSET":
                pads = node.Ints("pads") ?? new long[4];
                if (pads.Length != 4 || pads.Any(p => p < 0 || p > 1 << 16))
                {
                    throw node.Unsupported($"pads [{string.Join(",", pads)}] are not 4 non-negative values of a 2-D window");
                }
                break;
            case "VALID":
                pads = new long[4];
                break;
            case "SAME_UPPER":
            case "SAME_LOWER":
                {
                    var outH = (inH + strides[0] - 1) / strides[0];
                    var outW = (inW + strides[1] - 1) / strides[1];
                    var totalH = Math.Max(0, (outH - 1L) * strides[0] + effH - inH);
                    var totalW = Math.Max(0, (outW - 1L) * strides[1] + effW - inW);
                    var upper = autoPad == "SAME_UPPER";
                    var top = upper ? totalH / 2 : totalH - totalH / 2;
                    var left = upper ? totalW / 2 : totalW - totalW / 2;
                    pads = [top, left, totalH - top, totalW - left];
                    break;
                }
            default:
                throw node.Malformed($"auto_pad '{OnnxText.OneLine(autoPad, 40)}' is not NOTSET, SAME_UPPER, SAME_LOWER or VALID");
        }
        var outputH = (inH + pads[0] + pads[2] - effH) / strides[0] + 1;
        var outputW = (inW + pads[1] + pads[3] - effW) / strides[1] + 1;
        if (node.Int("ceil_mode", 0) != 0)
        {
            var ceilH = (inH + pads[0] + pads[2] - effH + strides[0] - 1) / strides[0] + 1;
            var ceilW = (inW + pads[1] + pads[3] - effW + strides[1] - 1) / strides[1] + 1;
            if (ceilH != outputH || ceilW != outputW)
            {
                throw node.Unsupported("ceil_mode that adds a partial window is not supported");
            }
        }
        if (inH + pads[0] + pads[2] < effH || inW + pads[1] + pads[3] < effW || outputH <= 0 || outputW <= 0)
        {
            throw node.Unsupported($"a {kernelH}x{kernelW} window does not fit the {inH}x{inW} input");
        }
        var (oh, ow) = ((int)outputH, (int)outputW);
        WindowPlan Plan(Padding padding, int[]? explicitPads) =>
            new(padding, explicitPads, kernelH, kernelW, strides[0], strides[1], dilations[0], dilations[1], oh, ow);
        if (pads[0] == 0 && pads[1] == 0 && outputH == (inH - effH) / strides[0] + 1 && outputW == (inW - effW) / strides[1] + 1)
        {
            return Plan(Padding.Valid, null);
        }
        var sameH = (inH + strides[0] - 1) / strides[0];
        var sameW = (inW + strides[1] - 1) / strides[1];
        var sameTop = Math.Max(0, (sameH - 1L) * strides[0] + effH - inH) / 2;
        var sameLeft = Math.Max(0, (sameW - 1L) * strides[1] + effW - inW) / 2;
        if (sameExcludesPadding && outputH == sameH && outputW == sameW && pads[0] == sameTop && pads[1] == sameLeft)
        {
            return Plan(Padding.Same, null);
        }
        return Plan(Padding.Valid, pads.Select(p => (int)p).ToArray());
    }

    /// <summary>
    /// PAD (quantized: the zero point; float: 0) or, with <paramref name="lowest"/>, PADV2 with the type's lowest value,
    /// on an NHWC tensor: top/bottom on H, left/right on W.
    /// </summary>
    private int EmitSpatialPad(int input, int[] pads, bool lowest, string name)
    {
        var t = _draft.Tensor(input);
        int[] shape = [t.Shape[0], t.Shape[1] + pads[0] + pads[2], t.Shape[2] + pads[1] + pads[3], t.Shape[3]];
        var output = _draft.AddTensor(name, t.Type, shape, t.Quantization);
        var paddings = _draft.AddConstant(name + "_paddings", DataType.Int32, [4, 2], new[] { 0, 0, pads[0], pads[2], pads[1], pads[3], 0, 0 });
        if (!lowest)
        {
            _draft.AddOperator(OpKind.Pad, [input, paddings], [output]);
            return output;
        }
        var value = t.Type == DataType.Float32
            ? _draft.AddConstant(name + "_value", DataType.Float32, [], new[] { float.MinValue })
            : _draft.AddConstant(name + "_value", DataType.Int8, [], new[] { sbyte.MinValue }, t.Quantization);
        _draft.AddOperator(OpKind.PadV2, [input, paddings, value], [output]);
        return output;
    }

    private int PadIfNeeded(int input, WindowPlan plan, bool lowest, string name) =>
        plan.NeedsPad ? EmitSpatialPad(input, plan.Pads!, lowest, name + "_padded") : input;
}

using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>
/// ConvTranspose (2-D, group 1, no dilation) → TRANSPOSE_CONV, filter [Cout,KH,KW,Cin]. When TFLite's SAME or VALID
/// padding places the windows as ONNX's pads do, one operator; otherwise the full VALID output followed by a SLICE.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertConvTranspose(OnnxNodeView node)
    {
        node.RequireInputs(2, 3);
        var x = Input(node, 0);
        var w = Input(node, 1);
        var b = OptionalInput(node, 2);
        RequireConstantOperand(node, w, "weights");
        if (x.Shape.Length != 4 || w.Shape.Length != 4)
        {
            throw node.Unsupported($"only 2-D ConvTranspose is supported (input {OnnxText.Shape(x.Shape)}, weights {OnnxText.Shape(w.Shape)})");
        }
        if (node.Int("group", 1) != 1)
        {
            throw node.Unsupported("grouped ConvTranspose is not supported");
        }
        var dilations = node.SmallInts("dilations", 1, 1 << 16) ?? [1, 1];
        if (dilations.Any(d => d != 1))
        {
            throw node.Unsupported("dilated ConvTranspose is not supported");
        }
        if (w.Shape[0] != x.Shape[1])
        {
            throw node.Malformed($"weights {OnnxText.Shape(w.Shape)} do not fit {x.Shape[1]} input channels");
        }
        var strides = node.SmallInts("strides", 1, 1 << 16) ?? [1, 1];
        var outputPadding = node.SmallInts("output_padding", 0, 1 << 16) ?? [0, 0];
        if (strides.Length != 2 || outputPadding.Length != 2)
        {
            throw node.Unsupported("only 2-D windows are supported");
        }
        var kernel = new[] { w.Shape[2], w.Shape[3] };
        var inSize = new[] { x.Shape[2], x.Shape[3] };
        var full = Enumerable.Range(0, 2).Select(i => strides[i] * (inSize[i] - 1) + kernel[i]).ToArray();
        int[] begin, outSize;
        var autoPad = node.String("auto_pad", "NOTSET");
        if (node.Ints("output_shape") is { } declared)
        {
            if (declared.Length < 2)
            {
                throw node.Malformed("output_shape needs the 2 spatial sizes");
            }
            outSize = declared[^2..].Select(v => (int)Math.Clamp(v, 1, 1 << 20)).ToArray();
            var total = Enumerable.Range(0, 2).Select(i => full[i] + outputPadding[i] - outSize[i]).ToArray();
            begin = Enumerable.Range(0, 2).Select(i => autoPad == "SAME_UPPER" ? total[i] / 2 : total[i] - total[i] / 2).ToArray();
        }
        else if (autoPad is "SAME_UPPER" or "SAME_LOWER")
        {
            outSize = Enumerable.Range(0, 2).Select(i => inSize[i] * strides[i]).ToArray();
            var total = Enumerable.Range(0, 2).Select(i => full[i] + outputPadding[i] - outSize[i]).ToArray();
            begin = Enumerable.Range(0, 2).Select(i => autoPad == "SAME_UPPER" ? total[i] / 2 : total[i] - total[i] / 2).ToArray();
        }
        else
        {
            var pads = autoPad == "VALID" ? new long[4] : node.Ints("pads") ?? new long[4];
            if (pads.Length != 4 || pads.Any(p => p < 0 || p > 1 << 16))
            {
                throw node.Unsupported($"pads [{string.Join(",", pads)}] are not 4 non-negative values");
            }
            begin = [(int)pads[0], (int)pads[1]];
            outSize = Enumerable.Range(0, 2).Select(i => full[i] + outputPadding[i] - (int)pads[i] - (int)pads[i + 2]).ToArray();
        }
        if (outSize.Any(s => s <= 0) || begin.Any(p => p < 0))
        {
            throw node.Unsupported($"output size {outSize[0]}x{outSize[1]} with padding {begin[0]},{begin[1]} is not supported");
        }
        // TFLite places output row y = i*stride - pad + k, with pad derived from the output size.
        Padding? direct = null;
        foreach (var padding in new[] { Padding.Valid, Padding.Same })
        {
            var tflitePad = Enumerable.Range(0, 2).Select(i =>
                Ops.Common.Window2D.Pad(strides[i], 1, outSize[i], kernel[i], Ops.Common.Window2D.OutSize(padding, outSize[i], kernel[i], strides[i], 1))).ToArray();
            if (tflitePad.SequenceEqual(begin))
            {
                direct = padding;
                break;
            }
        }
        var outChannels = w.Shape[1];
        int[] shape = [x.Shape[0], outChannels, outSize[0], outSize[1]];
        var irShape = Permute(shape, ToNhwc);
        var opShape = direct is null ? new[] { x.Shape[0], full[0] + outputPadding[0], full[1] + outputPadding[1], outChannels } : irShape;
        var name = node.Outputs[0];
        // ONNX [Cin, Cout, KH, KW] → [Cout, KH, KW, Cin].
        int[] filterPerm = [1, 2, 3, 0];
        var filterShape = Permute(w.Shape, filterPerm);

        void Emit(int input, int filter, int bias, int output, Activation activation)
        {
            var target = direct is null ? _draft.AddTensor(name + "_full", _draft.Tensor(output).Type, opShape, _draft.Tensor(output).Quantization) : output;
            var shapeTensor = _draft.AddConstant(name + "_output_shape", DataType.Int32, [4], opShape.ToArray());
            _draft.AddOperator(OpKind.TransposeConv, bias < 0 ? [shapeTensor, filter, input] : [shapeTensor, filter, input, bias], [target],
                new TransposeConvOptions(direct ?? Padding.Valid, strides[0], strides[1], activation));
            if (direct is null)
            {
                var beginTensor = _draft.AddConstant(name + "_begin", DataType.Int32, [4], new[] { 0, begin[0], begin[1], 0 });
                var sizeTensor = _draft.AddConstant(name + "_size", DataType.Int32, [4], irShape.ToArray());
                _draft.AddOperator(OpKind.Slice, [target, beginTensor, sizeTensor], [output]);
            }
        }

        void EmitQuantized(int output, Activation activation)
        {
            var weights = QuantizedWeightsOf(node, w, keepTensorZeroPoint: false);
            if (weights.IsPerChannel && weights.Axis != 1)
            {
                throw node.Unsupported($"per-axis weight quantization along axis {weights.Axis} is not supported (axis 1, the output channels)");
            }
            var filter = ConstantTensor(name + "_filter", DataType.Int8, filterShape, Transpose(weights.Values, w.Shape, filterPerm),
                WeightQuantization(weights, 0));
            var bias = QuantizedBias(node, b, x.Quant!.Scales[0], weights, outChannels, 1f, name + "_bias");
            Emit(QuantizedTensor(x, nhwc: true), filter, bias, output, activation);
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var filter = ConstantTensor(name + "_filter", DataType.Float32, filterShape, Transpose(FloatWeights(node, w), w.Shape, filterPerm));
            var bias = -1;
            if (b is not null)
            {
                RequireConstantOperand(node, b, "bias");
                var values = FloatWeights(node, b);
                if (values.Length != outChannels)
                {
                    throw node.Unsupported($"bias has {values.Length} values, expected {outChannels}");
                }
                bias = ConstantTensor(name + "_bias", DataType.Float32, [outChannels], values);
            }
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            Emit(FloatTensor(node, x, nhwc: true), filter, bias, output, activation);
            return OnnxValue.OfTensor(name, output, shape, ValueLayout.Nhwc);
        }

        DefineCompute(node, [x], new ComputePlan(shape, irShape, ValueLayout.Nhwc, true, EmitQuantized, EmitFloat));
    }
}

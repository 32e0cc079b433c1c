using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>Conv and QLinearConv → CONV_2D (groups included) or DEPTHWISE_CONV_2D, on NHWC tensors.</summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertConv(OnnxNodeView node)
    {
        node.RequireInputs(2, 3);
        var x = Input(node, 0);
        var w = Input(node, 1);
        var b = OptionalInput(node, 2);
        if (x.Shape.Length == 3)
        {
            var x2 = LiftTo2D(node, x);
            DefineCompute(node, [x2], LowerTo1D(ConvPlan(node.LiftedTo2D(), x2, LiftWeightsTo2D(node, w), b)));
            return;
        }
        DefineCompute(node, [x], ConvPlan(node, x, w, b));
        _convInputs[node.Outputs[0]] = new ConvInputs(node, x, w, b);
    }

    private void ConvertQLinearConv(OnnxNodeView node)
    {
        node.RequireInputs(8, 9);
        var x = QuantizedInput(node, 0, 1, 2);
        var w = QuantizedConstant(node, 3, 4, 5, axis: 0);
        var y = ReadQuantParams(node, 6, 7, [], 0, DataType.UInt8, "output");
        var b = OptionalInput(node, 8);
        var bias = b is null ? null : BiasAtProductScale(node, b, x, w);
        if (x.Shape.Length == 3)
        {
            DefineQuantized(node, LowerTo1D(ConvPlan(node.LiftedTo2D(), LiftTo2D(node, x), LiftWeightsTo2D(node, w), bias)), y);
            return;
        }
        DefineQuantized(node, ConvPlan(node, x, w, bias), y);
    }

    /// <summary>A QOperator weight input: a constant with its scale and zero point, as a dequantized value.</summary>
    private OnnxValue QuantizedConstant(OnnxNodeView node, int valueIndex, int scaleIndex, int zeroIndex, int axis)
    {
        var w = Input(node, valueIndex);
        if (w.Form != ValueForm.Constant || w.Constant!.Type is not (DataType.Int8 or DataType.UInt8))
        {
            throw node.Unsupported($"weights '{OnnxText.OneLine(w.Name, 80)}' must be an int8 or uint8 constant");
        }
        var q = ReadQuantParams(node, scaleIndex, zeroIndex, w.Shape, axis, w.Constant.Type, "weight");
        return new OnnxValue(w.Name, ValueForm.Dequantized, w.Shape) { Source = w, Quant = q };
    }

    /// <summary>A QOperator int32 bias, whose scale is by definition input_scale * weight_scale.</summary>
    private static OnnxValue BiasAtProductScale(OnnxNodeView node, OnnxValue b, OnnxValue x, OnnxValue w)
    {
        if (b.Form != ValueForm.Constant || b.Constant!.Type != DataType.Int32)
        {
            throw node.Unsupported($"bias '{OnnxText.OneLine(b.Name, 80)}' must be an int32 constant");
        }
        var scales = w.Quant!.Scales.Select(s => x.Quant!.Scales[0] * s).ToArray();
        var q = new QuantParams(scales, new long[scales.Length], 0, DataType.Int32);
        if (!q.IsPerTensor && scales.Length != b.ElementCount)
        {
            throw node.Malformed($"bias has {b.ElementCount} values but the weights have {scales.Length} scales");
        }
        return new OnnxValue(b.Name, ValueForm.Dequantized, b.Shape) { Source = b, Quant = q };
    }

    private ComputePlan ConvPlan(OnnxNodeView node, OnnxValue x, OnnxValue w, OnnxValue? b)
    {
        RequireConstantOperand(node, w, "weights");
        if (x.Shape.Length != 4 || w.Shape.Length != 4)
        {
            throw node.Unsupported($"only 2-D convolution is supported (input {OnnxText.Shape(x.Shape)}, weights {OnnxText.Shape(w.Shape)})");
        }
        var group = node.Int("group", 1);
        var channels = x.Shape[1];
        var outChannels = w.Shape[0];
        if (group <= 0 || channels % group != 0 || outChannels % group != 0 || w.Shape[1] != channels / group)
        {
            throw node.Malformed($"group {group} does not fit input channels {channels} and weights {OnnxText.Shape(w.Shape)}");
        }
        var kernel = node.SmallInts("kernel_shape", 1, 1 << 16);
        if (kernel is not null && (kernel.Length != 2 || kernel[0] != w.Shape[2] || kernel[1] != w.Shape[3]))
        {
            throw node.Malformed($"kernel_shape [{string.Join(",", kernel)}] contradicts the weights {OnnxText.Shape(w.Shape)}");
        }
        var window = PlanWindow(node, x.Shape, w.Shape[2], w.Shape[3], sameExcludesPadding: true, allowDilation: true);
        var depthwise = group > 1 && group == channels;
        int[] shape = [x.Shape[0], outChannels, window.OutputH, window.OutputW];
        var irShape = Permute(shape, ToNhwc);
        var name = node.Outputs[0];
        // ONNX [M, C/g, KH, KW] → CONV_2D [M, KH, KW, C/g] or DEPTHWISE_CONV_2D [1, KH, KW, M].
        var filterPerm = depthwise ? new[] { 1, 2, 3, 0 } : [0, 2, 3, 1];
        var filterShape = Permute(w.Shape, filterPerm);
        OperatorOptions Options(Activation activation) => depthwise
            ? new DepthwiseConv2DOptions(window.Padding, window.StrideH, window.StrideW, window.DilationH, window.DilationW, outChannels / channels, activation)
            : new Conv2DOptions(window.Padding, window.StrideH, window.StrideW, window.DilationH, window.DilationW, activation);
        var kind = depthwise ? OpKind.DepthwiseConv2D : OpKind.Conv2D;

        void EmitQuantized(int output, Activation activation)
        {
            var input = PadIfNeeded(QuantizedTensor(x, nhwc: true), window, lowest: false, name);
            var weights = QuantizedWeightsOf(node, w, keepTensorZeroPoint: false);
            if (weights.IsPerChannel && weights.Axis != 0)
            {
                throw node.Unsupported($"per-axis weight quantization along axis {weights.Axis} is not supported (axis 0, the output channels)");
            }
            var filter = ConstantTensor(name + "_filter", DataType.Int8, filterShape, Transpose(weights.Values, w.Shape, filterPerm),
                WeightQuantization(weights, depthwise ? 3 : 0));
            var bias = QuantizedBias(node, b, x.Quant!.Scales[0], weights, outChannels, 1f, name + "_bias");
            _draft.AddOperator(kind, bias < 0 ? [input, filter] : [input, filter, bias], [output], Options(activation));
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var input = PadIfNeeded(FloatTensor(node, x, nhwc: true), window, lowest: false, name);
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
            _draft.AddOperator(kind, bias < 0 ? [input, filter] : [input, filter, bias], [output], Options(activation));
            return OnnxValue.OfTensor(name, output, shape, ValueLayout.Nhwc);
        }

        return new ComputePlan(shape, irShape, ValueLayout.Nhwc, true, EmitQuantized, EmitFloat);
    }
}

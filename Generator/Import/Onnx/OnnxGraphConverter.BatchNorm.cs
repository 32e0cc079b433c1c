using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>
/// BatchNormalization (inference) on float models: folded into the weights and bias of the Conv before it when
/// that Conv's output has no other use so far, else a MUL and an ADD by per-channel constants.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertBatchNormalization(OnnxNodeView node)
    {
        node.RequireInputs(5, 5);
        if (node.Outputs.Count > 1 && node.Outputs.Skip(1).Any(o => o.Length > 0))
        {
            throw node.Unsupported("training mode (running mean and variance outputs) is not supported");
        }
        var x = Input(node, 0);
        if (x.Shape.Length < 2)
        {
            throw node.Malformed($"input of shape {OnnxText.Shape(x.Shape)} has no channel axis");
        }
        var channels = x.Shape[1];
        double[] Parameter(int i, string role)
        {
            var v = FloatForm(node, Input(node, i));
            if (v.Form != ValueForm.Constant || v.Constant!.ElementCount != channels)
            {
                throw node.Unsupported($"{role} must be a constant of {channels} values");
            }
            return v.Constant.Values;
        }
        var gamma = Parameter(1, "scale");
        var beta = Parameter(2, "bias");
        var mean = Parameter(3, "mean");
        var variance = Parameter(4, "variance");
        var epsilon = node.Float("epsilon", 1e-5f);
        // y = gamma * (x - mean) / sqrt(variance + epsilon) + beta = x * scale + shift, in float32 as ONNX Runtime folds it.
        var scale = Enumerable.Range(0, channels).Select(c => (double)((float)gamma[c] / MathF.Sqrt((float)variance[c] + epsilon))).ToArray();
        var shift = Enumerable.Range(0, channels).Select(c => (double)((float)beta[c] - (float)mean[c] * (float)scale[c])).ToArray();

        if (x.Form == ValueForm.Pending && !x.Pending!.Quantized && x.Pending.Activation == Activation.None
            && _convInputs.TryGetValue(x.Name, out var conv) && !_floatForms.ContainsKey(x.Name) && !IsReadElsewhere(x.Name, node.Index)
            && conv.Weights.Form == ValueForm.Constant && conv.Weights.Constant!.Type == DataType.Float32
            && (conv.Bias is null || (conv.Bias.Form == ValueForm.Constant && conv.Bias.Constant!.Type == DataType.Float32)))
        {
            var w = conv.Weights.Constant;
            var perOutput = w.ElementCount / channels;
            var weights = w.Values.Select((v, i) => (double)((float)v * (float)scale[i / perOutput])).ToArray();
            var bias = Enumerable.Range(0, channels)
                .Select(c => (double)((float)(conv.Bias?.Constant!.Values[c] ?? 0.0) * (float)scale[c] + (float)shift[c])).ToArray();
            var foldedWeights = OnnxValue.OfConstant(conv.Weights.Name + "_bn", new OnnxConstant(DataType.Float32, w.Shape, weights));
            var foldedBias = OnnxValue.OfConstant(node.Outputs[0] + "_bias", new OnnxConstant(DataType.Float32, [channels], bias));
            DefineCompute(conv.Node, [conv.Input], ConvPlan(conv.Node, conv.Input, foldedWeights, foldedBias));
            _values[node.Outputs[0]] = _values[conv.Node.Outputs[0]] with { Name = node.Outputs[0] };
            _values[conv.Node.Outputs[0]] = x;
            _convInputs[node.Outputs[0]] = conv with { Weights = foldedWeights, Bias = foldedBias };
            return;
        }
        DefineCompute(node, [x], BatchNormPlan(node, x, scale, shift));
    }

    /// <summary>Whether a node other than <paramref name="reader"/> (or a graph output) reads the value.</summary>
    private bool IsReadElsewhere(string name, int reader) =>
        _graph.Output.Any(o => o.Name == name) ||
        _graph.Node.Where((n, i) => i != reader && n.Input.Contains(name)).Any();

    private ComputePlan BatchNormPlan(OnnxNodeView node, OnnxValue x, double[] scale, double[] shift)
    {
        var rank = x.Shape.Length;
        var nhwc = rank == 4 && LayoutOf(x) == ValueLayout.Nhwc;
        var irShape = nhwc ? Permute(x.Shape, ToNhwc) : x.Shape;
        var name = node.Outputs[0];
        // Per-channel constants shaped to broadcast along the channel axis of the IR tensor.
        var constantShape = nhwc
            ? new[] { 1, 1, 1, scale.Length }
            : Enumerable.Range(0, rank).Select(d => d == 1 ? scale.Length : 1).ToArray();

        OnnxValue EmitFloat(Activation activation)
        {
            var input = FloatTensor(node, x, nhwc);
            var scaled = _draft.AddTensor(name + "_scaled", DataType.Float32, irShape);
            _draft.AddOperator(OpKind.Mul, [input, ConstantTensor(name + "_scale", DataType.Float32, constantShape, scale)], [scaled],
                new ActivationOptions(Activation.None));
            var output = _draft.AddTensor(name, DataType.Float32, irShape);
            _draft.AddOperator(OpKind.Add, [scaled, ConstantTensor(name + "_shift", DataType.Float32, constantShape, shift)], [output],
                new ActivationOptions(activation));
            return OnnxValue.OfTensor(name, output, x.Shape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain);
        }

        void EmitQuantized(int output, Activation activation) =>
            throw node.Unsupported("a quantized BatchNormalization is not supported (fold it into the Conv before quantizing)");

        return new ComputePlan(x.Shape, irShape, nhwc ? ValueLayout.Nhwc : ValueLayout.Plain, true, EmitQuantized, EmitFloat);
    }
}

using MicroGen.Ir;
using MicroGen.Ir.Options;

namespace MicroGen.Import.Onnx;

/// <summary>Gemm, MatMul, QLinearMatMul and QGemm with constant weights → FULLY_CONNECTED (filter [units, depth]).</summary>
internal sealed partial class OnnxGraphConverter
{
    private void ConvertGemm(OnnxNodeView node)
    {
        node.RequireInputs(2, 3);
        var a = Input(node, 0);
        DefineCompute(node, [a], GemmPlan(node, a, Input(node, 1), OptionalInput(node, 2)));
    }

    private void ConvertMatMul(OnnxNodeView node)
    {
        node.RequireInputs(2, 2);
        var a = Input(node, 0);
        DefineCompute(node, [a], FullyConnectedPlan(node, a, Input(node, 1), null, transposed: false, 1f, 1f));
    }

    private void ConvertQLinearMatMul(OnnxNodeView node)
    {
        node.RequireInputs(8, 8);
        var a = QuantizedInput(node, 0, 1, 2);
        var b = QuantizedConstant(node, 3, 4, 5, axis: 1);
        var y = ReadQuantParams(node, 6, 7, [], 0, DataType.UInt8, "output");
        DefineQuantized(node, FullyConnectedPlan(node, a, b, null, transposed: false, 1f, 1f), y);
    }

    private void ConvertQGemm(OnnxNodeView node)
    {
        node.RequireInputs(6, 9);
        if (!node.HasInput(7))
        {
            throw node.Unsupported("QGemm with a float output (no y_scale) is not supported");
        }
        var a = QuantizedInput(node, 0, 1, 2);
        var b = QuantizedConstant(node, 3, 4, 5, axis: node.Int("transB", 0) != 0 ? 0 : 1);
        var y = ReadQuantParams(node, 7, 8, [], 0, DataType.UInt8, "output");
        var c = OptionalInput(node, 6);
        var alpha = node.Float("alpha", 1f);
        if (alpha != 1f)
        {
            throw node.Unsupported($"alpha {alpha} is not supported (1)");
        }
        DefineQuantized(node, GemmPlan(node, a, b, c is null ? null : BiasAtProductScale(node, c, a, b)), y);
    }

    private ComputePlan GemmPlan(OnnxNodeView node, OnnxValue a, OnnxValue b, OnnxValue? c)
    {
        if (node.Int("transA", 0) != 0)
        {
            throw node.Unsupported("transA=1 is not supported");
        }
        if (a.Shape.Length != 2)
        {
            throw node.Malformed($"input A has shape {OnnxText.Shape(a.Shape)}, expected rank 2");
        }
        var alpha = node.Float("alpha", 1f);
        var beta = node.Float("beta", 1f);
        return FullyConnectedPlan(node, a, b, c, node.Int("transB", 0) != 0, alpha, beta);
    }

    /// <summary>
    /// A [.., K] × B → [.., N]; B is [K, N], or [N, K] when <paramref name="transposed"/>; bias [N] (or [1, N]).
    /// A may be an NCHW value flattened in NHWC order: the filter's columns are then permuted to that order.
    /// </summary>
    private ComputePlan FullyConnectedPlan(OnnxNodeView node, OnnxValue a, OnnxValue b, OnnxValue? bias, bool transposed, float alpha, float beta)
    {
        if (b.Form is ValueForm.Tensor or ValueForm.Pending || (b.Form == ValueForm.Dequantized && b.Source!.Form == ValueForm.Tensor))
        {
            throw node.Unsupported("a matrix product of two computed tensors is not supported (the second input must be a constant)");
        }
        if (b.Shape.Length != 2 || a.Shape.Length < 2)
        {
            throw node.Unsupported($"shapes {OnnxText.Shape(a.Shape)} x {OnnxText.Shape(b.Shape)} are not supported (a rank-2 constant second input)");
        }
        var depth = transposed ? b.Shape[1] : b.Shape[0];
        var units = transposed ? b.Shape[0] : b.Shape[1];
        if (a.Shape[^1] != depth)
        {
            throw node.Malformed($"shapes {OnnxText.Shape(a.Shape)} and {OnnxText.Shape(b.Shape)}{(transposed ? " (transposed)" : "")} do not multiply");
        }
        if (bias is not null && (bias.ElementCount != units || bias.Shape.Length > 2 || (bias.Shape.Length == 2 && bias.Shape[0] != 1)))
        {
            throw node.Unsupported($"bias of shape {OnnxText.Shape(bias.Shape)} is not supported (a vector of {units} values)");
        }
        var shape = a.Shape[..^1].Append(units).ToArray();
        var keepDims = a.Shape.Length > 2;
        var name = node.Outputs[0];
        // Filter [units, depth] = B^T (or B when transposed), columns reordered for an NHWC-flattened input.
        int[] filterPerm = transposed ? [0, 1] : [1, 0];
        int[] FilterShape() => Permute(b.Shape, filterPerm);

        (int Tensor, int[]? Columns) Operand(OnnxValue tensorValue)
        {
            var ir = _draft.Tensor(tensorValue.Tensor).Shape;
            if (tensorValue.Layout == ValueLayout.FlattenedNhwc && !keepDims && ir.Length == 4 && ir[1] * ir[2] * ir[3] == depth)
            {
                // IR element (h, w, c) of a row is ONNX column c*H*W + h*W + w.
                var (h, w, ch) = (ir[1], ir[2], ir[3]);
                var columns = new int[depth];
                var k = 0;
                for (var y = 0; y < h; y++)
                {
                    for (var x = 0; x < w; x++)
                    {
                        for (var cc = 0; cc < ch; cc++)
                        {
                            columns[k++] = cc * h * w + y * w + x;
                        }
                    }
                }
                return (tensorValue.Tensor, columns);
            }
            if (tensorValue.Layout == ValueLayout.Plain)
            {
                // FULLY_CONNECTED reads rows of `depth` elements whatever the IR shape: a pending reshape is free.
                return (tensorValue.Tensor, null);
            }
            return (Materialize(tensorValue, nhwc: false), null);
        }

        double[] Columns(double[] filter, int[]? columns)
        {
            if (columns is null)
            {
                return filter;
            }
            var result = new double[filter.Length];
            for (var u = 0; u < units; u++)
            {
                for (var k = 0; k < depth; k++)
                {
                    result[u * depth + k] = filter[u * depth + columns[k]];
                }
            }
            return result;
        }

        void EmitQuantized(int output, Activation activation)
        {
            var (input, columns) = Operand(a.Source!);
            var weights = QuantizedWeightsOf(node, b, keepTensorZeroPoint: true);
            var unitAxis = transposed ? 0 : 1;
            if (weights.IsPerChannel && weights.Axis != unitAxis)
            {
                throw node.Unsupported($"per-axis weight quantization along axis {weights.Axis} is not supported (axis {unitAxis}, the output units)");
            }
            weights = weights with { Scales = weights.Scales.Select(s => s * alpha).ToArray() };
            var filter = ConstantTensor(name + "_filter", DataType.Int8, FilterShape(),
                Columns(Transpose(weights.Values, b.Shape, filterPerm), columns), WeightQuantization(weights, 0));
            var biasTensor = QuantizedBias(node, bias, a.Quant!.Scales[0], weights, units, beta, name + "_bias");
            _draft.AddOperator(OpKind.FullyConnected, biasTensor < 0 ? [input, filter] : [input, filter, biasTensor], [output],
                new FullyConnectedOptions(activation, keepDims));
        }

        OnnxValue EmitFloat(Activation activation)
        {
            var f = FloatForm(node, a);
            if (f.Form != ValueForm.Tensor)
            {
                throw node.Unsupported("a matrix product of constants is not supported");
            }
            var (input, columns) = Operand(f);
            var values = FloatWeights(node, b).Select(v => (double)((float)v * alpha)).ToArray();
            var filter = ConstantTensor(name + "_filter", DataType.Float32, FilterShape(), Columns(Transpose(values, b.Shape, filterPerm), columns));
            var biasTensor = -1;
            if (bias is not null)
            {
                RequireConstantOperand(node, bias, "bias");
                biasTensor = ConstantTensor(name + "_bias", DataType.Float32, [units], FloatWeights(node, bias).Select(v => (double)((float)v * beta)).ToArray());
            }
            var output = _draft.AddTensor(name, DataType.Float32, shape);
            _draft.AddOperator(OpKind.FullyConnected, biasTensor < 0 ? [input, filter] : [input, filter, biasTensor], [output],
                new FullyConnectedOptions(activation, keepDims));
            return OnnxValue.OfTensor(name, output, shape, ValueLayout.Plain);
        }

        return new ComputePlan(shape, shape, ValueLayout.Plain, true, EmitQuantized, EmitFloat);
    }
}

namespace MicroGen.Import.Onnx;

/// <summary>
/// 1-D convolution and pooling on [N,C,L] computed as 2-D on [N,C,1,L]: the input is viewed with H = 1, the weights
/// get a KH = 1 axis, and the [N,M,1,L'] result is seen as [N,M,L'] in the NHWC tensor's NCHW order, so that the
/// next 1-D operator views it back at no cost.
/// </summary>
internal sealed partial class OnnxGraphConverter
{
    private OnnxValue LiftTo2D(OnnxNodeView node, OnnxValue x) => View(node, x, [x.Shape[0], x.Shape[1], 1, x.Shape[2]]);

    private static OnnxValue LiftWeightsTo2D(OnnxNodeView node, OnnxValue w)
    {
        if (w.Shape.Length != 3)
        {
            throw node.Unsupported($"weights of shape {OnnxText.Shape(w.Shape)} do not fit a 1-D convolution");
        }
        int[] shape = [w.Shape[0], w.Shape[1], 1, w.Shape[2]];
        return w.Form switch
        {
            ValueForm.Constant => w with { Shape = shape, Constant = w.Constant!.WithShape(shape) },
            ValueForm.Dequantized when w.Source!.Form == ValueForm.Constant => w with
            {
                Shape = shape,
                Source = w.Source with { Shape = shape, Constant = w.Source.Constant!.WithShape(shape) },
                Quant = w.Quant!.Axis >= 2 ? w.Quant with { Axis = w.Quant.Axis + 1 } : w.Quant,
            },
            _ => throw node.Unsupported($"weights '{OnnxText.OneLine(w.Name, 80)}' must be a constant"),
        };
    }

    /// <summary>A 2-D plan on [N,C,1,L] seen as producing the 1-D [N,M,L'] value.</summary>
    private static ComputePlan LowerTo1D(ComputePlan plan)
    {
        int[] shape = [plan.Shape[0], plan.Shape[1], plan.Shape[3]];
        return plan with
        {
            Shape = shape,
            Layout = ValueLayout.FlattenedNhwc,
            EmitFloat = activation => plan.EmitFloat(activation) with { Shape = shape, Layout = ValueLayout.FlattenedNhwc },
        };
    }
}

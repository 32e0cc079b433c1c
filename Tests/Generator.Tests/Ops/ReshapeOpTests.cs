using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class ReshapeOpTests
{
    private static readonly sbyte[] Data = [1, -2, 3, -4, 5, -6];

    private static Graph Reshape(int[] outputShape, int[]? shapeInput, int[] newShape, bool shapeIsConstant = true)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int8, [1, 2, 3], Q(1, 0));
        var inputs = new List<int> { input };
        if (shapeInput is not null)
        {
            inputs.Add(shapeIsConstant
                ? b.Constant("shape", DataType.Int32, [shapeInput.Length], shapeInput)
                : b.Input("shape", DataType.Int32, [shapeInput.Length]));
        }
        var output = b.Activation("output", DataType.Int8, outputShape, Q(1, 0));
        b.AddOperator(OpKind.Reshape, inputs.ToArray(), [output], new ReshapeOptions(newShape));
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void ShapeFromConstantSecondInputWithInference()
    {
        // The ds_cnn / ResNet pattern: shape {-1, 6} -> [1, 6]; the bytes are unchanged.
        Assert.That(Run<sbyte>(Reshape([1, 6], [-1, 6], []), 0, Data), Is.EqualTo(Data));
    }

    [Test]
    public void ShapeFromOptionsThenFromOutput()
    {
        Assert.That(Run<sbyte>(Reshape([3, 2], null, [3, -1]), 0, Data), Is.EqualTo(Data));
        Assert.That(Run<sbyte>(Reshape([6], null, []), 0, Data), Is.EqualTo(Data));
    }

    [Test]
    public void NonConstantShapeInputFallsBackToOptions()
    {
        var graph = Reshape([2, 3], [2, 3], [2, 3], shapeIsConstant: false);
        var result = new ReferenceInterpreter(graph).Invoke([ToBytes(Data), ToBytes(new[] { 2, 3 })]);
        Assert.That(result[0].Select(v => (sbyte)v), Is.EqualTo(Data));
    }

    [Test]
    public void ElementCountChangeIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Reshape([4], [4], [])));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESHAPE)").And.Contain("'shape'").And.Contain("6 elements"));
    }

    [Test]
    public void TargetDifferentFromOutputIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Reshape([6, 1], [-1, 6], [])));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESHAPE)").And.Contain("'output'").And.Contain("expected [1x6]"));
    }

    [Test]
    public void TwoInferredDimensionsAreRejected()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Reshape([2, 3], [-1, -1], [])));
        Assert.That(error!.Message, Does.Contain("operator 0 (RESHAPE)").And.Contain("more than one -1"));
    }
}

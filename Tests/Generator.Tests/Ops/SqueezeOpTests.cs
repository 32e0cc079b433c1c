using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class SqueezeOpTests
{
    private static Graph Squeeze(int[] inputShape, int[] dims, int[] outputShape)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Float32, inputShape);
        var output = b.Activation("output", DataType.Float32, outputShape);
        b.AddOperator(OpKind.Squeeze, [input], [output], new SqueezeOptions(dims));
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void SqueezesListedOrAllUnitDimensions()
    {
        float[] data = [1, 2, 3];
        Assert.That(Run<float>(Squeeze([1, 3, 1], [-1], [1, 3]), 0, data), Is.EqualTo(data));
        Assert.That(Run<float>(Squeeze([1, 3, 1], [], [3]), 0, data), Is.EqualTo(data));
    }

    [Test]
    public void SqueezingNonUnitDimensionIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(Squeeze([1, 3], [1], [1])));
        Assert.That(error!.Message, Does.Contain("operator 0 (SQUEEZE)").And.Contain("'input'").And.Contain("not 1"));
    }
}

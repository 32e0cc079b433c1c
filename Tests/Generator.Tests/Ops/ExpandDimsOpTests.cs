using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class ExpandDimsOpTests
{
    private static Graph ExpandDims(int[] inputShape, int axis, int[] outputShape)
    {
        var b = new GraphBuilder();
        var input = b.Input("input", DataType.Int16, inputShape, Q(1, 0));
        var axisTensor = b.Constant("axis", DataType.Int32, [1], new[] { axis });
        var output = b.Activation("output", DataType.Int16, outputShape, Q(1, 0));
        b.AddOperator(OpKind.ExpandDims, [input, axisTensor], [output]);
        b.MarkOutput(output);
        return b.Build();
    }

    [TestCase(0, new[] { 1, 2, 2 })]
    [TestCase(-1, new[] { 2, 2, 1 })]
    [TestCase(1, new[] { 2, 1, 2 })]
    public void InsertsUnitDimension(int axis, int[] outputShape)
    {
        short[] data = [-32768, 1, 2, 32767];
        Assert.That(Run<short>(ExpandDims([2, 2], axis, outputShape), 0, data), Is.EqualTo(data));
    }

    [Test]
    public void WrongOutputShapeIsNamed()
    {
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(ExpandDims([2, 2], 0, [2, 2, 1])));
        Assert.That(error!.Message, Does.Contain("operator 0 (EXPAND_DIMS)").And.Contain("'output'").And.Contain("expected [1x2x2]"));
    }
}

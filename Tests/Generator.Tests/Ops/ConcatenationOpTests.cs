using MicroGen.Diagnostics;
using MicroGen.Ir;
using MicroGen.Ir.Options;
using MicroGen.Reference;
using static MicroGen.Tests.Support.OpTest;

namespace MicroGen.Tests.Ops;

public class ConcatenationOpTests
{
    private static Graph Concat(DataType type, int[][] inputShapes, Quantization?[] inputQ, int[] outputShape, Quantization? outputQ, int axis,
        Activation activation = Activation.None)
    {
        var b = new GraphBuilder();
        var inputs = inputShapes.Select((s, i) => b.Input($"input{i}", type, s, inputQ[i])).ToArray();
        var output = b.Activation("output", type, outputShape, outputQ);
        b.AddOperator(OpKind.Concatenation, inputs, [output], new ConcatenationOptions(axis, activation));
        b.MarkOutput(output);
        return b.Build();
    }

    [Test]
    public void Int8AlongMiddleAxis()
    {
        // [2,1,2] and [2,2,2] along axis 1 -> [2,3,2]: row-blocks interleave per outer index.
        var q = Q(0.5f, -128);
        var graph = Concat(DataType.Int8, [[2, 1, 2], [2, 2, 2]], [q, q], [2, 3, 2], q, 1);
        var result = Run<sbyte>(graph, 0, new sbyte[] { 1, 2, 3, 4 }, new sbyte[] { 10, 11, 12, 13, 20, 21, 22, 23 });
        Assert.That(result, Is.EqualTo(new sbyte[] { 1, 2, 10, 11, 12, 13, 3, 4, 20, 21, 22, 23 }));
    }

    [Test]
    public void FloatAlongNegativeLastAxisWithThreeInputs()
    {
        var graph = Concat(DataType.Float32, [[2, 1], [2, 2], [2, 1]], [null, null, null], [2, 4], null, -1);
        var result = Run<float>(graph, 0, new[] { 1f, 2f }, new[] { 3f, 4f, 5f, 6f }, new[] { 7f, 8f });
        Assert.That(result, Is.EqualTo(new[] { 1f, 3f, 4f, 7f, 2f, 5f, 6f, 8f }));
    }

    [Test]
    public void Int8QuantizationMismatchIsRejected()
    {
        // TFLM's int8 CONCATENATION requires every input to have the output's scale and zero point.
        var graph = Concat(DataType.Int8, [[1], [1]], [Q(0.5f, 0), Q(0.5f, 1)], [2], Q(0.5f, 0), 0);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (CONCATENATION)").And.Contain("'input1'").And.Contain("does not rescale"));
    }

    [Test]
    public void Int16NonZeroZeroPointIsRejected()
    {
        var graph = Concat(DataType.Int16, [[1], [1]], [Q(1, 0), Q(1, 0)], [2], Q(1, 2), 0);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (CONCATENATION)").And.Contain("'output'").And.Contain("zero point 0"));
    }

    [Test]
    public void FusedActivationIsRejected()
    {
        var graph = Concat(DataType.Float32, [[1], [1]], [null, null], [2], null, 0, Activation.Relu);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (CONCATENATION)").And.Contain("activation"));
    }

    [Test]
    public void MismatchedNonAxisDimensionIsNamed()
    {
        var graph = Concat(DataType.Float32, [[2, 1], [3, 1]], [null, null], [2, 2], null, 1);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (CONCATENATION)").And.Contain("'input1'").And.Contain("dimension 0"));
    }

    [Test]
    public void MoreThanTenInputsAreRejected()
    {
        var shapes = Enumerable.Repeat(new[] { 1 }, 11).ToArray();
        var graph = Concat(DataType.Float32, shapes, new Quantization?[11], [11], null, 0);
        var error = Assert.Throws<UnsupportedModelException>(() => new ReferenceInterpreter(graph));
        Assert.That(error!.Message, Does.Contain("operator 0 (CONCATENATION)").And.Contain("11 inputs"));
    }
}

using System.Globalization;
using MicroGen.Import.Onnx;
using MicroGen.Ops;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// Every supported ONNX operator, imported and run by MicroGen, against ONNX Runtime 1.31 on the same inputs.
/// The importer must produce the expected IR operators; where the reference interpreter has kernels for all of
/// them, the outputs must agree: quantized within 1 LSB (ONNX Runtime requantizes in float with round-half-to-even,
/// MicroGen in TFLite Micro's integer arithmetic), bit-exact for the data-movement operators, float within 1e-5
/// (float outputs of quantized models: one step of the output scale).
/// </summary>
public class OnnxRuntimeAgreementTests
{
    private const int Seeds = 3;

    private static IEnumerable<TestCaseData> Cases => OnnxCases.All.Select(c => new TestCaseData(c).SetName(c.Name));

    [TestCaseSource(nameof(Cases))]
    public void AgreesWithOnnxRuntime(object testCase)
    {
        var c = (OnnxCase)testCase;
        var model = c.Build();
        var graph = OnnxImporter.Import(Google.Protobuf.MessageExtensions.ToByteArray(model), "case.onnx");
        Assert.That(graph.Operators.Select(o => o.Kind), Is.EqualTo(c.ExpectedKinds), "IR operators");
        var agreement = Run(c);
        if (agreement is null)
        {
            var missing = c.ExpectedKinds.Where(k => !OperatorRegistry.Default.Supports(k)).Distinct();
            TestContext.Out.WriteLine($"{c.Name}: imported; no reference kernel yet for {string.Join(", ", missing)}");
            // The model itself must be valid for ONNX Runtime, so that the comparison can run once the kernels exist.
            var outputs = OnnxRuntimeComparison.RunOnnxRuntime(model, OnnxRuntimeComparison.RandomInputs(model, 1000));
            Assert.That(outputs.Sum(o => o.Length), Is.GreaterThan(0));
            return;
        }
        TestContext.Out.WriteLine(Row(agreement));
        if (c.Exact)
        {
            Assert.That(agreement.Differing, Is.Zero, "bit-exact");
        }
        Assert.That(agreement.MaxLsb, Is.LessThanOrEqualTo(c.MaxLsb), $"quantized outputs within {c.MaxLsb} LSB");
        Assert.That(agreement.MaxFloatDifference, Is.LessThanOrEqualTo(c.FloatTolerance), "float outputs");
        // A comparison of clamped or constant outputs would prove little: the models keep outputs spread inside the range.
        // (Data movement copies input values, which cover the whole range: a maximum is often 127 there.)
        if (!c.Exact)
        {
            Assert.That(agreement.Saturated, Is.LessThan(agreement.Compared / 4), "outputs at the maximum of their type");
        }
        if (agreement.Compared >= 32)
        {
            Assert.That(agreement.DistinctValues, Is.GreaterThanOrEqualTo(12), "distinct output values");
        }
    }

    /// <summary>The per-operator agreement table (kept for the report); fails on any case beyond its bound.</summary>
    [Test]
    public void AgreementTable()
    {
        var lines = new List<string> { $"{"case",-42} {"compared",9} {"differing",9} {"max LSB",7} {"max float diff",14} {"at max",7} {"distinct",8}" };
        foreach (var c in OnnxCases.All)
        {
            var a = Run(c);
            lines.Add(a is null ? $"{c.Name,-42} {"(reference kernel pending)",-40}" : Row(a));
            if (a is not null)
            {
                Assert.That(a.MaxLsb, Is.LessThanOrEqualTo(c.MaxLsb), c.Name);
                Assert.That(a.MaxFloatDifference, Is.LessThanOrEqualTo(c.FloatTolerance), c.Name);
            }
        }
        var table = string.Join(Environment.NewLine, lines);
        TestContext.Out.WriteLine(table);
        File.WriteAllText(Path.Combine(TestContext.CurrentContext.WorkDirectory, "onnx-agreement.txt"), table + Environment.NewLine);
    }

    private static string Row(Agreement a) => string.Create(CultureInfo.InvariantCulture,
        $"{a.Op,-42} {a.Compared,9} {a.Differing,9} {a.MaxLsb,7} {a.MaxFloatDifference,14:G3} {a.Saturated,7} {a.DistinctValues,8}");

    /// <summary>Both runtimes on <see cref="Seeds"/> random inputs, or null when a reference kernel is missing.</summary>
    private static Agreement? Run(OnnxCase c)
    {
        var model = c.Build();
        var graph = OnnxImporter.Import(Google.Protobuf.MessageExtensions.ToByteArray(model), "case.onnx");
        if (graph.Operators.Any(o => !OperatorRegistry.Default.Supports(o.Kind)))
        {
            return null;
        }
        var total = new Agreement(c.Name, 0, 0, 0, 0, 0, 0);
        for (var seed = 0; seed < Seeds; seed++)
        {
            var inputs = OnnxRuntimeComparison.RandomInputs(model, 1000 + seed);
            var expected = OnnxRuntimeComparison.RunOnnxRuntime(model, inputs);
            var actual = OnnxRuntimeComparison.RunMicroGen(model, inputs);
            var a = OnnxRuntimeComparison.Compare(c.Name, expected, actual);
            total = total with
            {
                Compared = total.Compared + a.Compared,
                Differing = total.Differing + a.Differing,
                MaxLsb = Math.Max(total.MaxLsb, a.MaxLsb),
                MaxFloatDifference = Math.Max(total.MaxFloatDifference, a.MaxFloatDifference),
                Saturated = total.Saturated + a.Saturated,
                DistinctValues = Math.Max(total.DistinctValues, a.DistinctValues),
            };
        }
        return total;
    }
}

using MicroGen.Import;
using MicroGen.Reference;
using MicroGen.Tests.Support;
using MicroGen.Verify;

namespace MicroGen.Tests.Reference;

/// <summary>Every shared model imports, validates and runs on seeded random inputs; outputs have the declared sizes and runs repeat exactly.</summary>
public class SharedModelInferenceTests
{
    public static IEnumerable<string> Models => SharedModels.Names;

    [TestCaseSource(nameof(Models))]
    public void RunsOnSeededRandomInputs(string name)
    {
        var graph = ModelLoader.Load(SharedModels.PathOf(name));
        var interpreter = new ReferenceInterpreter(graph);
        var first = SeededInputs.Create(graph, 1).Inputs;
        var outputs = interpreter.Invoke(first);
        Assert.That(outputs.Select(o => o.Length), Is.EqualTo(graph.OutputTensors.Select(t => (int)t.SizeInBytes)));
        interpreter.Invoke(SeededInputs.Create(graph, 2).Inputs);
        interpreter.Buffers.ResetVariables();
        Assert.That(interpreter.Invoke(first), Is.EqualTo(outputs), "the same input after a reset gives the same outputs");
    }
}

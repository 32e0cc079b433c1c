using System.CommandLine;
using MicroGen.Diagnostics;
using MicroGen.IO;
using MicroGen.Import;
using MicroGen.Ir;
using MicroGen.Reference;

namespace MicroGen.Cli;

/// <summary>`microgen infer MODEL --input A.npy ... --output OUT.npy ...`: run the reference interpreter.</summary>
public sealed class InferVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model file (.tflite or .onnx)." };
        var inputs = new Option<string[]>("--input") { Description = "A .npy file per model input, in the model's input order.", Required = true };
        var outputs = new Option<string[]>("--output") { Description = "A .npy file per model output, in the model's output order." };
        var command = new Command("infer", "Run the bit-exact reference interpreter on .npy inputs.") { model, inputs, outputs };
        command.SetAction(parse =>
        {
            var graph = ModelLoader.Load(parse.GetValue(model)!);
            var inputPaths = parse.GetValue(inputs) ?? [];
            var outputPaths = parse.GetValue(outputs) ?? [];
            if (inputPaths.Length != graph.Inputs.Length)
            {
                throw new UserErrorException($"the model has {graph.Inputs.Length} inputs but {inputPaths.Length} --input files were given");
            }
            if (outputPaths.Length != 0 && outputPaths.Length != graph.Outputs.Length)
            {
                throw new UserErrorException($"the model has {graph.Outputs.Length} outputs but {outputPaths.Length} --output files were given");
            }
            var data = inputPaths.Select((p, i) => CheckedInput(graph, i, NpyArray.Read(p), p)).ToArray();
            var results = new ReferenceInterpreter(graph).Invoke(data);
            var arrays = graph.OutputTensors.Select((t, i) => new NpyArray(t.Type, t.Shape, results[i])).ToArray();
            if (outputPaths.Length == 0)
            {
                for (var i = 0; i < arrays.Length; i++)
                {
                    context.Out.WriteLine($"output {i} '{graph.Tensors[graph.Outputs[i]].Name}' {arrays[i].Type.DisplayName()} {arrays[i].ShapeText}: {Format(arrays[i])}");
                }
            }
            else
            {
                AtomicFiles.WriteAll(outputPaths.Zip(arrays, (p, a) => (p, a.ToBytes())));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>An input must match its model tensor exactly in dtype and shape.</summary>
    public static byte[] CheckedInput(Graph graph, int index, NpyArray array, string path)
    {
        var tensor = graph.Tensors[graph.Inputs[index]];
        var expected = new NpyArray(tensor.Type, tensor.Shape, []);
        if (array.Type != tensor.Type || !array.Shape.Equals(tensor.Shape))
        {
            throw new UserErrorException(
                $"{path}: input {index} '{tensor.Name}' is {array.Type.DisplayName()} {array.ShapeText} but the model expects {tensor.Type.DisplayName()} {expected.ShapeText}");
        }
        return array.Data;
    }

    private static string Format(NpyArray array) => array.Type switch
    {
        DataType.Int8 => string.Join(" ", array.Data.Select(b => ((sbyte)b).ToString(System.Globalization.CultureInfo.InvariantCulture))),
        DataType.Float32 => string.Join(" ", System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(array.Data).ToArray()
            .Select(f => f.ToString("R", System.Globalization.CultureInfo.InvariantCulture))),
        _ => Convert.ToHexString(array.Data),
    };
}

using System.CommandLine;
using System.Globalization;
using MicroGen.Import;
using MicroGen.Reports;

namespace MicroGen.Cli;

/// <summary>`microgen inspect MODEL [--json]`: operators, shapes, quantization, MACs and totals.</summary>
public sealed class InspectVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var model = new Argument<string>("model") { Description = "The model file (.tflite or .onnx)." };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of text." };
        var command = new Command("inspect", "Show a model's operators, tensors, quantization and MAC counts.") { model, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var summary = ModelSummary.Of(ModelLoader.Load(path), Path.GetFileName(path));
            if (parse.GetValue(json))
            {
                context.WriteJson(summary);
            }
            else
            {
                WriteText(context.Out, summary);
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(TextWriter o, ModelSummary s)
    {
        var n = CultureInfo.InvariantCulture;
        o.WriteLine($"model {s.Name}: {s.Operators.Count} operators");
        foreach (var t in s.Inputs)
        {
            o.WriteLine($"  input  '{t.Name}' {t.Type} {t.ShapeText} {t.QuantizationText}");
        }
        foreach (var t in s.Outputs)
        {
            o.WriteLine($"  output '{t.Name}' {t.Type} {t.ShapeText} {t.QuantizationText}");
        }
        var rows = new List<string[]> { new[] { "#", "operator", "inputs", "output", "output quantization", "MACs" } };
        foreach (var op in s.Operators)
        {
            rows.Add(
            [
                op.Index.ToString(n),
                op.Kind,
                string.Join(" ", op.Inputs.Select(t => (t.Constant ? "const " : "") + t.Type + " " + t.ShapeText)),
                string.Join(" ", op.Outputs.Select(t => t.Type + " " + t.ShapeText)),
                string.Join(" ", op.Outputs.Select(t => t.QuantizationText)),
                op.Macs.ToString("N0", n),
            ]);
        }
        TextTable.Write(o, rows, rightAligned: [0, 5]);
        o.WriteLine($"total MACs {s.TotalMacs.ToString("N0", n)}; weights {s.WeightBytes.ToString("N0", n)} bytes; "
            + $"largest activation {s.LargestActivationBytes.ToString("N0", n)} bytes ('{s.LargestActivation}')");
    }
}

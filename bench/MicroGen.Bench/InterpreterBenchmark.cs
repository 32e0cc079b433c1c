using System.Diagnostics;
using System.Globalization;
using MicroGen.Diagnostics;
using MicroGen.Import;
using MicroGen.Reference;
using MicroGen.Reports;
using MicroGen.Verify;

namespace MicroGen.Bench;

/// <summary>Reference interpreter speed per model: warm median time of one inference and MACs per second.</summary>
internal static class InterpreterBenchmark
{
    public static int Run(string[] args)
    {
        var n = CultureInfo.InvariantCulture;
        Console.WriteLine("| model | MACs | median ms (warm) | MMAC/s |");
        Console.WriteLine("|---|---:|---:|---:|");
        foreach (var path in BenchModels.Find(args))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            try
            {
                var graph = ModelLoader.Load(path);
                var macs = ModelSummary.Of(graph, name).TotalMacs;
                var interpreter = new ReferenceInterpreter(graph);
                var inputs = SeededInputs.Create(graph, 1).Inputs;
                var clock = Stopwatch.StartNew();
                var warmups = 0;
                while (warmups < 3 || clock.ElapsedMilliseconds < 500)
                {
                    interpreter.Invoke(inputs);
                    warmups++;
                }
                var times = new List<double>();
                clock.Restart();
                while (times.Count < 5 || (clock.ElapsedMilliseconds < 3000 && times.Count < 200))
                {
                    var start = Stopwatch.GetTimestamp();
                    interpreter.Invoke(inputs);
                    times.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                times.Sort();
                var median = times[times.Count / 2];
                Console.WriteLine($"| {name} | {macs.ToString("N0", n)} | {median.ToString("0.00", n)} | {(macs / median / 1000).ToString("0", n)} |");
            }
            catch (UserErrorException e)
            {
                Console.WriteLine($"| {name} | - | not run: {e.Message} | - |");
            }
        }
        return 0;
    }
}

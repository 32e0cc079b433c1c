using MicroGen.Boards;
using MicroGen.Build;
using MicroGen.Diagnostics;
using MicroGen.Emit;
using MicroGen.Import;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning;
using MicroGen.Planning.Rewrites;
using MicroGen.Reference;
using MicroGen.Run;
using MicroGen.Verify;

namespace MicroGen.Bench;

/// <summary>
/// Measures models on boards in the simulator, each twice: with the kernels MicroGen picks for the board and with the
/// plain portable kernels. Every run is also checked byte for byte against the reference interpreter on one seeded
/// input set. Figures are reported, never judged here.
/// </summary>
public static class BenchRunner
{
    /// <summary>Instruction limit per run: the portable kernels of the largest shared model need several billion.</summary>
    public const ulong MaxInstructions = 60_000_000_000;

    public static IReadOnlyList<BenchEntry> Run(IReadOnlyList<string> modelPaths, IReadOnlyList<Board> boards, int parallelism,
        Action<BenchEntry>? finished = null)
    {
        var pairs = modelPaths.SelectMany(m => boards.Select(b => (Model: m, Board: b))).ToList();
        var results = new BenchEntry[pairs.Count];
        Parallel.For(0, pairs.Count, new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, parallelism) }, i =>
        {
            results[i] = RunOne(pairs[i].Model, pairs[i].Board);
            finished?.Invoke(results[i]);
        });
        return results;
    }

    public static BenchEntry RunOne(string modelPath, Board board)
    {
        var name = Path.GetFileName(modelPath);
        if (board.IsHost)
        {
            return new BenchEntry(name, board.Name, "not generated", 0, 0, [], 0, 0, null, null, "the bench runs MCU boards in the simulator");
        }
        Graph original;
        try
        {
            original = ModelLoader.Load(modelPath);
        }
        catch (UserErrorException e)
        {
            return new BenchEntry(name, board.Name, "not generated", 0, 0, [], 0, 0, null, null, e.Message);
        }
        var graph = GraphRewriter.Optimize(original);
        var (body, missing) = SupportedSubgraph.Of(graph, board.Target);
        var macs = body.Operators.Sum(op => OperatorRegistry.Default.For(op).CountMacs(new OpContext(body, op)));
        var weights = body.Tensors.Where(t => t.IsConstant && body.Operators.Any(o => o.Inputs.Contains(t.Index))).Sum(t => (long)t.Data!.Length);
        if (body.Operators.Length == 0 || body.Outputs.Length == 0)
        {
            return new BenchEntry(name, board.Name, "not generated", graph.Operators.Length, 0, missing, 0, 0, null, null,
                "no operator has a C kernel");
        }
        var reference = missing.Count == 0 ? original : body;
        var inputs = SeededInputs.Create(reference, 1).Inputs;
        var expected = new ReferenceInterpreter(reference).Invoke(inputs);
        try
        {
            var optimized = Measure(body, board, board.Target, KernelSet.Optimized, name, inputs, expected);
            var portable = Measure(body, board, board.Target.WithKernels(KernelChoice.Reference), KernelSet.Portable, name, inputs, expected);
            return new BenchEntry(name, board.Name, missing.Count == 0 ? "ok" : "partial", graph.Operators.Length, body.Operators.Length,
                missing, macs, weights, optimized, portable, null);
        }
        catch (UserErrorException e)
        {
            return new BenchEntry(name, board.Name, "not generated", graph.Operators.Length, body.Operators.Length, missing, macs, weights,
                null, null, e.Message);
        }
    }

    private static BenchMeasurement Measure(Graph graph, Board board, TargetFeatures target, KernelSet kernels, string name,
        IReadOnlyList<byte[]> inputs, byte[][] expected)
    {
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(target));
        FitCheck.Require(graph, plan, board);
        var project = FirmwareEmitter.Emit(graph, plan, board, new EmitOptions(name, inputs, Target: target));
        var folder = Directory.CreateTempSubdirectory("microgen-bench-").FullName;
        try
        {
            project.WriteTo(folder);
            var build = FirmwareBuilder.Build(folder, board);
            var run = FirmwareRunner.OnSimulator(build.Executable, board, inputs, MaxInstructions);
            var bitExact = expected.Select((bytes, i) => run.Transcript.Outputs.TryGetValue(i, out var actual) && actual.AsSpan().SequenceEqual(bytes)).All(b => b);
            var byName = run.Simulation.Layers.ToDictionary(l => l.Name, StringComparer.Ordinal);
            var layers = graph.Operators
                .Where(op => byName.ContainsKey(FirmwareEmitter.LayerSymbol(op)))
                .Select(op =>
                {
                    var cost = byName[FirmwareEmitter.LayerSymbol(op)];
                    return new LayerFigures(op.Number, op.Kind.DisplayName(), OperatorRegistry.Default.For(op).CountMacs(new OpContext(graph, op)),
                        cost.Cycles, cost.Instructions);
                })
                .ToList();
            var cycles = (ulong)layers.Sum(l => (decimal)l.Cycles);
            var instructions = (ulong)layers.Sum(l => (decimal)l.Instructions);
            var macs = layers.Sum(l => l.Macs);
            var stack = (long)run.Simulation.PeakStackBytes;
            return new BenchMeasurement(kernels, instructions, cycles, cycles * 1000.0 / board.ClockHz, cycles == 0 ? 0 : macs / (double)cycles,
                build.FlashBytes, CodeSize.Of(build.Executable), plan.ArenaBytes + stack, plan.ArenaBytes, stack, bitExact, layers,
                KindFigures.Of(layers));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

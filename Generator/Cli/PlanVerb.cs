using System.CommandLine;
using System.Globalization;
using MicroGen.Import;
using MicroGen.Ops;
using MicroGen.Pipeline;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Reports;

namespace MicroGen.Cli;

/// <summary>`microgen plan MODEL [--board NAME] [--json]`: operator order, buffers, arena size, lower bound.</summary>
public sealed class PlanVerb : IVerb
{
    public Command Create(CliContext context)
    {
        var model = CommonOptions.Model();
        var board = CommonOptions.Board(required: false);
        var json = CommonOptions.Json();
        var patches = CommonOptions.Patches();
        var budget = CommonOptions.PatchBudget();
        var html = new Option<string?>("--report") { Description = "Also write the plan as an HTML page with the memory timeline (SVG)." };
        var inputOutside = new Option<bool>("--input-outside")
        {
            Description = "Choose the patch plan (with --patches auto) for the peak with the model input held outside the arena, as TinyEngine reports patched plans, rather than for the peak with it inside.",
        };
        var command = new Command("plan", "Plan the static arena: operator order, in-place and aliased buffers, patches, offsets.")
            { model, board, patches, budget, inputOutside, html, json };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(model)!;
            var boardName = parse.GetValue(board)!;
            var target = boardName.Length == 0 ? TargetFeatures.Portable : CommonOptions.ResolveBoard(boardName).Target;
            var graph = MicroGen.Planning.Rewrites.GraphRewriter.Optimize(ModelLoader.Load(path));
            var options = new PlanOptions(target);
            var spec = PatchSpec.Parse(parse.GetValue(patches)!);
            MemoryPlan plan, outside;
            if (parse.GetValue(inputOutside))
            {
                outside = ModelPipeline.PlanFor(graph, options with { InputOutsideArena = true }, spec, parse.GetValue(budget));
                plan = MemoryPlanner.Plan(graph, options, patch: outside.Patch, streams: outside.Streams);
            }
            else
            {
                plan = ModelPipeline.PlanFor(graph, options, spec, parse.GetValue(budget));
                outside = MemoryPlanner.Plan(graph, options with { InputOutsideArena = true }, patch: plan.Patch, streams: plan.Streams);
            }
            var report = PlanReport.Of(Path.GetFileName(path), boardName.Length == 0 ? null : boardName, graph, plan, outside);
            if (parse.GetValue(json))
            {
                context.WriteJson(report);
            }
            else
            {
                WriteText(context.Out, report, plan);
            }
            if (parse.GetValue(html) is { } page)
            {
                MicroGen.IO.AtomicFiles.WriteAll([(page, System.Text.Encoding.UTF8.GetBytes(PlanHtml.Render(report, graph, plan)))]);
            }
            if (boardName.Length > 0)
            {
                FitCheck.Require(graph, plan, CommonOptions.ResolveBoard(boardName));
            }
            return ExitCodes.Success;
        });
        return command;
    }

    private static void WriteText(TextWriter o, PlanReport r, MemoryPlan plan)
    {
        var n = CultureInfo.InvariantCulture;
        o.WriteLine($"plan for {r.Model}{(r.Board is null ? "" : " on " + r.Board)}");
        o.WriteLine($"  peak SRAM (arena with scratch, model input and output): {r.PeakSramBytes.ToString("N0", n)} bytes");
        o.WriteLine($"  peak SRAM with the model input outside the arena:      {r.PeakSramBytesInputOutside.ToString("N0", n)} bytes");
        o.WriteLine($"  lower bound: {r.LowerBoundBytes.ToString("N0", n)} bytes (plan / bound = {r.RatioToLowerBound.ToString("0.000", n)}); largest scratch {r.ScratchBytes.ToString("N0", n)} bytes");
        o.WriteLine($"  patches: {PatchSummary.Describe(r.Patch, r.Streams, r.MacOverhead)}");
        o.WriteLine($"  placement: {r.Placement}");
        // A patch stage's or a row-streamed segment's operators run together, in one step: shown in brackets.
        var order = plan.Steps.Select(s => s.IsPatchStage ? $"[{string.Join(" ", plan.Patch!.AllOperators)}]"
            : s.IsStream ? $"[{string.Join(" ", plan.Streams[s.Stream].Operators)}]"
            : s.Operator.ToString(CultureInfo.InvariantCulture));
        o.WriteLine($"  operator order: {string.Join(" ", order)}");
        var rows = new List<string[]> { new[] { "offset", "bytes", "steps", "kind", "buffer" } };
        rows.AddRange(r.Buffers.OrderBy(b => b.FirstStep).ThenBy(b => b.Offset).Select(b => new[]
        {
            b.Offset.ToString("N0", n), b.Bytes.ToString("N0", n), $"{b.FirstStep}-{b.LastStep}", b.Kind,
            b.Name.Length > 70 ? b.Name[..67] + "..." : b.Name,
        }));
        TextTable.Write(o, rows, rightAligned: [0, 1]);
    }
}

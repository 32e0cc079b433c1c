using System.Globalization;
using MicroGen.Boards;
using MicroGen.Emit.Model;
using MicroGen.Ir;
using MicroGen.Ops;
using MicroGen.Planning;
using MicroGen.Planning.Patches;
using MicroGen.Planning.Streams;

namespace MicroGen.Emit;

/// <summary>
/// Turns a graph, its memory plan and a board into a C project: model.c/h (layers as straight-line calls with literal
/// arena offsets, weights const in flash), main.c, test vectors, board header, linker script, Makefile, CMakeLists.txt,
/// Renode files where the board has them, and the Runtime.C sources the layers need. All C text comes from templates.
/// </summary>
public static class FirmwareEmitter
{
    public static GeneratedProject Emit(Graph graph, MemoryPlan plan, Board board, EmitOptions options, OperatorRegistry? registry = null)
    {
        var reg = registry ?? OperatorRegistry.Default;
        var target = options.Target ?? board.Target;
        var constants = new Dictionary<string, ConstantArray>(StringComparer.Ordinal);
        var layers = new List<LayerModel>();
        var scratchChecks = new List<ScratchCheckModel>();
        var sources = new SortedSet<string>(StringComparer.Ordinal);
        var libraries = new SortedSet<string>(StringComparer.Ordinal);
        PatchStageModel? patchModel = null;
        var streams = new List<StreamModel>();
        foreach (var step in plan.Steps)
        {
            if (step.IsStream)
            {
                streams.Add(EmitStream(graph, plan, step, target, reg, constants, sources, libraries, layers.Count));
                continue;
            }
            if (step.IsPatchStage)
            {
                patchModel = EmitPatchStage(graph, plan, step, target, reg, constants, sources, libraries, layers.Count);
                continue;
            }
            var op = graph.Operators[step.Operator];
            var ctx = new OpContext(graph, op);
            var definition = reg.For(op);
            var call = definition.Lower(ctx, definition.Prepare(ctx), step.Storage, target);
            if (call.IsNone)
            {
                continue;
            }
            foreach (var source in call.Sources)
            {
                sources.Add(source);
            }
            libraries.UnionWith(call.Libraries);
            var symbol = LayerSymbol(op);
            var fields = call.Fields.Select(f => Field(f, constants)).ToList();
            var operands = call.Operands.Select((o, i) => o.IsList
                ? ListOperand(o, $"{symbol}_operand{i}", graph, plan, step, constants)
                : Operand(o, graph, plan, step, constants)).ToList();
            var layerOutput = Operand(KernelOperand.ForTensor(op.Outputs[0]), graph, plan, step, constants);
            layers.Add(new LayerModel(step.Step, op.Index, op.Kind.DisplayName(), symbol, call.Function, call.ParamsType, fields, operands,
                layerOutput, graph.Tensors[op.Outputs[0]].SizeInBytes, StorageText(step)));
            if (call.ScratchMacro is not null)
            {
                var planned = step.ScratchBuffer < 0 ? 0 : plan.Buffers[step.ScratchBuffer].Bytes;
                scratchChecks.Add(new ScratchCheckModel(step.Step, call.ScratchMacro, call.ScratchMacroArguments.Items, planned));
            }
        }
        sources.UnionWith(PlatformSources(board));

        var testVectors = graph.InputTensors.Select((t, i) => new TestVectorModel($"mg_test_input_{i}", t.SizeInBytes,
            CLiterals.Elements(DataType.UInt8, options.TestInputs?[i] ?? new byte[t.SizeInBytes]))).ToList();
        var output = board.IsHost ? "firmware" : "firmware.elf";
        var model = new FirmwareModel(
            options.Source,
            CIdentifier(Path.GetFileNameWithoutExtension(options.Source)),
            BoardModelOf(board),
            plan.ArenaBytes,
            plan.Placement,
            plan.LowerBoundBytes,
            graph.InputTensors.Select(t => IoTensor(t, plan)).ToList(),
            graph.OutputTensors.Select(t => IoTensor(t, plan)).ToList(),
            constants.Values.OrderBy(c => c.Key, StringComparer.Ordinal)
                .Select(c => new ConstantModel(ConstantName(c), CLiterals.CType(c.ElementType), c.Count, CLiterals.Elements(c.ElementType, c.Data.Span)))
                .ToList(),
            layers,
            graph.Tensors.Where(t => t.IsVariable).Select(t => new VariableModel(plan.TensorOffset(t.Index), t.SizeInBytes,
                t.Type == DataType.Int8 && t.Quantization is not null ? (byte)(sbyte)t.Quantization.ZeroPoint : 0)).ToList(),
            scratchChecks,
            testVectors,
            sources.ToList(),
            output,
            "firmware",
            board.IsHost ? "" : ".elf",
            options.ExpectedOutputs?.Select((o, i) => $"mg-output {i} {Convert.ToHexString(o).ToLowerInvariant()}").ToList() ?? [],
            patchModel,
            libraries.ToList(),
            streams);

        var renderer = new TemplateRenderer();
        var files = new List<GeneratedFile>
        {
            Text("model.h", renderer.Render("model.h.sbn", model)),
            Text("model.c", renderer.Render("model.c.sbn", model)),
            Text("main.c", renderer.Render("main.c.sbn", model)),
            Text("test_vectors.c", renderer.Render("test_vectors.c.sbn", model)),
            Text("mg_board.h", renderer.Render("mg_board.h.sbn", model)),
            Text("Makefile", renderer.Render("Makefile.sbn", model)),
            Text("CMakeLists.txt", renderer.Render("CMakeLists.txt.sbn", model)),
        };
        if (!board.IsHost)
        {
            files.Add(Text("linker.ld", renderer.Render("linker.ld.sbn", model)));
        }
        if (board.RenodePlatform is not null)
        {
            files.Add(Text($"{model.ModelName}.resc", renderer.Render("renode.resc.sbn", model)));
            files.Add(Text($"{model.ModelName}.robot", renderer.Render("renode.robot.sbn", model)));
        }
        foreach (var (path, text) in EmbeddedFiles.Under("Runtime.C/"))
        {
            var relative = path["Runtime.C/".Length..];
            if (relative.EndsWith(".h", StringComparison.Ordinal) || sources.Contains(relative))
            {
                files.Add(Text("runtime/" + relative, text));
            }
        }
        return new GeneratedProject(files, output);
    }

    /// <summary>
    /// The patch stage: per operator, one parameter block per distinct patch geometry, operands in the patch buffers
    /// (laid out inside the stage's scratch block), plus the copy-in and copy-out rectangles, or the reduction tail's
    /// kernels in place of the copy-out. <paramref name="position"/> is the number of layers that run before the stage.
    /// </summary>
    private static PatchStageModel EmitPatchStage(Graph graph, MemoryPlan plan, PlannedStep step, TargetFeatures target, OperatorRegistry reg,
        Dictionary<string, ConstantArray> constants, SortedSet<string> sources, SortedSet<string> libraries, int position)
    {
        var stage = plan.Patch!;
        var layout = plan.PatchLayout!;
        var block = plan.ScratchOffset(step);
        var layers = new List<PatchLayerModel>();
        sources.Add("kernels/mg_copy_region.c");
        for (var k = 0; k < stage.Operators.Length; k++)
        {
            var op = graph.Operators[stage.Operators[k]];
            var ctx = new OpContext(graph, op);
            var definition = reg.For(op);
            var data = definition.Prepare(ctx);
            var patchable = (IPatchableOperator)definition;
            var blocks = new ParameterBlocks();
            var calls = LowerEach(definition, ctx, stage.Patches.Select(patch => (object?)patchable.ForPatch(ctx, data,
                op.Inputs.Select(t => t >= 0 && stage.Tensors.Contains(t) ? patch.RegionOf(stage, t) : (PatchRegion?)null).ToList(),
                patch.RegionOf(stage, op.Outputs[0]))).ToList(), target);
            var blockOfPatch = calls.Select(c => blocks.IndexOf(c!.Fields.Select(f => Field(PatchVariant(f, constants), constants)).ToList())).ToList();
            var call = calls[0];
            foreach (var source in call!.Sources)
            {
                sources.Add(source);
            }
            libraries.UnionWith(call.Libraries);
            var scratchOffset = layout.ScratchOffsets[k] < 0 ? -1 : block + layout.ScratchOffsets[k];
            if (call.Operands.Any(o => o.IsList))
            {
                throw new InvalidOperationException($"{op.Describe()}: a kernel with operand lists cannot run in a patch stage");
            }
            var operands = call.Operands.Select(o => o.IsScratch
                ? new OperandModel("scratch", "void", scratchOffset, "")
                : stage.Tensors.Contains(o.Tensor)
                    ? new OperandModel("arena", CLiterals.CType(graph.Tensors[o.Tensor].Type), block + layout.OffsetOf(stage, o.Tensor), "")
                    : Operand(o, graph, plan, step, constants)).ToList();
            layers.Add(new PatchLayerModel(op.Number, op.Kind.DisplayName(), LayerSymbol(op), call.Function, call.ParamsType, blocks.Blocks, blockOfPatch, operands));
        }
        var input = graph.Tensors[stage.InputTensor];
        var split = graph.Tensors[stage.OutputTensor];
        PatchTailModel? tail = null;
        if (stage.HasTail)
        {
            var op = graph.Operators[stage.Tail];
            var ctx = new OpContext(graph, op);
            var definition = reg.For(op);
            var call = ((IAccumulatingOperator)definition).LowerAccumulating(ctx, definition.Prepare(ctx), target);
            sources.UnionWith(call.Sources);
            tail = new PatchTailModel(op.Number, op.Kind.DisplayName(), LayerSymbol(op), call.Function, call.ParamsType,
                call.Fields.Select(f => Field(f, constants)).ToList(), split.Shape[2], split.Shape[3], block + layout.AccumulatorOffset,
                plan.TensorOffset(stage.ResultTensor), graph.Tensors[stage.ResultTensor].SizeInBytes);
        }
        static RegionValueModel Region(PatchRegion r) => new(r.Y0, r.Y1, r.X0, r.X1);
        return new PatchStageModel(stage.Patches.Length, stage.Rows, stage.Cols, stage.SplitNumber,
            stage.Patches.Select(p => Region(p.RegionOf(stage, input.Index))).ToList(), stage.Patches.Select(p => Region(p.RegionOf(stage, split.Index))).ToList(),
            plan.TensorOffset(stage.InputTensor), input.Shape[2], input.Shape[3] * input.Type.SizeInBytes(),
            block + layout.OffsetOf(stage, input.Index), block + layout.OffsetOf(stage, split.Index),
            stage.HasTail ? -1 : plan.TensorOffset(stage.OutputTensor), split.Shape[2], split.Shape[3] * split.Type.SizeInBytes(), split.SizeInBytes,
            layers, tail, position);
    }

    /// <summary>
    /// A row-streamed segment: per operator, one parameter block per distinct band geometry (its inputs' windows as held
    /// in that band), and per band where its new rows go and how its window slides. Inputs are read in their windows
    /// (inside the step's scratch block) or whole (the segment's input); the last operator writes into the full output.
    /// </summary>
    private static StreamModel EmitStream(Graph graph, MemoryPlan plan, PlannedStep step, TargetFeatures target, OperatorRegistry reg,
        Dictionary<string, ConstantArray> constants, SortedSet<string> sources, SortedSet<string> libraries, int position)
    {
        var segment = plan.Streams[step.Stream];
        var layout = plan.StreamLayouts[step.Stream];
        var block = plan.ScratchOffset(step);
        var layers = new List<StreamLayerModel>();
        long RowBytes(int tensor) => (long)graph.Tensors[tensor].Shape[2] * graph.Tensors[tensor].Shape[3] * graph.Tensors[tensor].Type.SizeInBytes();
        for (var k = 0; k < segment.Operators.Length; k++)
        {
            var op = graph.Operators[segment.Operators[k]];
            var ctx = new OpContext(graph, op);
            var definition = reg.For(op);
            var data = definition.Prepare(ctx);
            var patchable = (IPatchableOperator)definition;
            var output = op.Outputs[0];
            var window = segment.IsWindow(output);
            var blocks = new ParameterBlocks();
            var blockOfBand = new List<int>();
            // Per band: the byte offset of each tensor operand from its base (inputs: the first row read; the output: where the new rows go).
            var offsets = new Dictionary<int, List<long>>();
            var drop = new List<long>();
            var keep = new List<long>();
            var geometries = new List<object?>();
            var previous = default(PatchRegion);
            void Offset(int tensor, long value) => (offsets.TryGetValue(tensor, out var list) ? list : offsets[tensor] = []).Add(value);
            for (var band = 0; band < segment.Bands.Length; band++)
            {
                var computed = segment.Bands[band].Computed[k];
                var inputs = new List<PatchRegion?>();
                var seen = new HashSet<int>();
                for (var i = 0; i < op.Inputs.Length; i++)
                {
                    var t = op.Inputs[i];
                    var read = computed.Height == 0 || t < 0 || segment.IndexOf(t) < 0 ? null
                        : StreamPlanner.Reads(patchable, ctx, data, i, computed, graph.Tensors[t].Shape[2]);
                    inputs.Add(read);
                    if (t >= 0 && segment.IndexOf(t) >= 0 && seen.Add(t))
                    {
                        var first = segment.IsWindow(t) ? segment.Bands[band].Held[segment.IndexOf(t)].Y0 : 0;
                        Offset(t, read is { } r ? (r.Y0 - first) * RowBytes(t) : 0);
                    }
                }
                if (computed.Height == 0)
                {
                    geometries.Add(null);
                    Offset(output, 0);
                    drop.Add(0);
                    keep.Add(0);
                    continue;
                }
                geometries.Add(patchable.ForPatch(ctx, data, inputs, computed));
                if (window)
                {
                    var held = segment.Bands[band].Held[segment.IndexOf(output)];
                    var kept = previous.Height == 0 ? 0 : previous.Y1 - held.Y0;
                    drop.Add(kept > 0 ? (held.Y0 - previous.Y0) * RowBytes(output) : 0);
                    keep.Add(kept > 0 ? kept * RowBytes(output) : 0);
                    Offset(output, (computed.Y0 - held.Y0) * RowBytes(output));
                    previous = held;
                }
                else
                {
                    drop.Add(0);
                    keep.Add(0);
                    Offset(output, computed.Y0 * RowBytes(output));
                }
            }
            var calls = LowerEach(definition, ctx, geometries, target);
            blockOfBand.AddRange(calls.Select(c => c is null ? 255 : blocks.IndexOf(c.Fields.Select(f => Field(PatchVariant(f, constants), constants)).ToList())));
            var call = calls.First(c => c is not null);
            if (blocks.Blocks.Count >= 255)
            {
                throw new InvalidOperationException($"{op.Describe()}: {blocks.Blocks.Count} band geometries do not fit the template's byte table");
            }
            foreach (var source in call!.Sources)
            {
                sources.Add(source);
            }
            libraries.UnionWith(call.Libraries);
            if (call.Operands.Any(o => o.IsList))
            {
                throw new InvalidOperationException($"{op.Describe()}: a kernel with operand lists cannot run in a row-streamed segment");
            }
            var symbol = LayerSymbol(op);
            var windowOffset = window ? block + layout.OffsetOf(segment, output) : -1;
            var tables = offsets.Select(e => new BandTableModel($"{symbol}_at_t{e.Key}", e.Value)).OrderBy(t => t.Name, StringComparer.Ordinal).ToList();
            var operands = call.Operands.Select(o => o.IsScratch
                ? new OperandModel("scratch", "void", block + layout.ScratchOffset, "")
                : segment.IndexOf(o.Tensor) >= 0
                    ? new OperandModel("banded", CLiterals.CType(graph.Tensors[o.Tensor].Type),
                        segment.IsWindow(o.Tensor) ? block + layout.OffsetOf(segment, o.Tensor) : plan.TensorOffset(o.Tensor), $"{symbol}_at_t{o.Tensor}")
                    : Operand(o, graph, plan, step, constants)).ToList();
            layers.Add(new StreamLayerModel(op.Number, op.Kind.DisplayName(), symbol, call.Function, call.ParamsType, blocks.Blocks, blockOfBand, tables,
                drop, keep, windowOffset, operands));
        }
        return new StreamModel($"mg_stream_{segment.FirstNumber:D3}_{segment.LastNumber:D3}", segment.FirstNumber, segment.LastNumber, segment.Bands.Length,
            layers, plan.TensorOffset(segment.OutputTensor), graph.Tensors[segment.OutputTensor].SizeInBytes, position);
    }

    /// <summary>
    /// Lowers one operator for each of its geometries in a patch stage or a row-streamed segment (null: nothing to run
    /// there). The layer has one function for all of them, so when the optimised kernels would take different functions
    /// (a geometry one of them cannot handle), every geometry runs on the portable kernel.
    /// </summary>
    private static List<KernelCall?> LowerEach(OperatorDefinition definition, OpContext ctx, IReadOnlyList<object?> geometries, TargetFeatures target)
    {
        List<KernelCall?> Lower(TargetFeatures t) => geometries.Select(g => g is null ? null : definition.Lower(ctx, g, StorageOption.Separate(), t)).ToList();
        var calls = Lower(target);
        return calls.Where(c => c is not null).Select(c => c!.Function).Distinct().Count() > 1 ? Lower(target.WithKernels(KernelChoice.Reference)) : calls;
    }

    /// <summary>The Runtime.C platform layer for the board: host stdio, or start-up + console driver.</summary>
    private static IEnumerable<string> PlatformSources(Board board)
    {
        if (board.IsHost)
        {
            return ["platform/mg_platform_host.c"];
        }
        var console = board.Console.Kind switch
        {
            ConsoleKind.Semihosting => "platform/mg_console_semihosting.c",
            ConsoleKind.CmsdkUart => "platform/mg_console_cmsdk_uart.c",
            ConsoleKind.Stm32UsartF4 or ConsoleKind.Stm32UsartF7 => "platform/mg_console_stm32_usart.c",
            ConsoleKind.NrfUarte => "platform/mg_console_nrf_uarte.c",
            _ => throw new ArgumentException($"board {board.Name}: console {board.Console.Kind} needs a driver"),
        };
        return ["startup/mg_startup.c", "platform/mg_platform_mcu.c", console];
    }

    private static FieldModel Field(KernelField field, Dictionary<string, ConstantArray> constants)
    {
        switch (field.Value)
        {
            case IntegerValue i:
                return new FieldModel(field.Name, "int", i.Value is >= int.MinValue and <= int.MaxValue
                    ? CLiterals.Int32((int)i.Value) : i.Value.ToString(CultureInfo.InvariantCulture) + "LL");
            case FloatValue f:
                return new FieldModel(field.Name, "float", CLiterals.Float(f.Value));
            case ArrayValue a:
                return new FieldModel(field.Name, "array", ConstantName(Register(a.Array, constants)));
            default:
                return new FieldModel(field.Name, "null", "");
        }
    }

    /// <summary>
    /// A per-layer table whose content differs from patch to patch (the broadcast geometry of a patch reading a window)
    /// gets one array per distinct content: the layer's key plus _v1, _v2, ... for the second and later contents.
    /// </summary>
    private static KernelField PatchVariant(KernelField field, Dictionary<string, ConstantArray> constants)
    {
        if (field.Value is not ArrayValue { Array: var array })
        {
            return field;
        }
        var key = array.Key;
        for (var n = 1; constants.TryGetValue(key, out var existing) && !existing.Equals(array with { Key = key }); n++)
        {
            key = $"{array.Key}_v{n}";
        }
        return key == array.Key ? field : field with { Value = new ArrayValue(array with { Key = key }) };
    }

    private static ConstantArray Register(ConstantArray array, Dictionary<string, ConstantArray> constants)
    {
        if (constants.TryGetValue(array.Key, out var existing))
        {
            if (!existing.Equals(array))
            {
                throw new InvalidOperationException($"two different constant arrays share the key {array.Key}");
            }
            return existing;
        }
        constants[array.Key] = array;
        return array;
    }

    /// <summary>A list operand: a pointer array named <paramref name="name"/>, one entry per tensor.</summary>
    private static OperandModel ListOperand(KernelOperand operand, string name, Graph graph, MemoryPlan plan, PlannedStep step,
        Dictionary<string, ConstantArray> constants) =>
        new("list", operand.IsOutputList ? "void" : "const void", 0, name,
            operand.List.Select(t => Operand(KernelOperand.ForTensor(t), graph, plan, step, constants)).ToList());

    private static OperandModel Operand(KernelOperand operand, Graph graph, MemoryPlan plan, PlannedStep step, Dictionary<string, ConstantArray> constants)
    {
        if (operand.IsScratch)
        {
            return new OperandModel("scratch", "void", plan.ScratchOffset(step), "");
        }
        var tensor = graph.Tensors[operand.Tensor];
        if (tensor.IsConstant)
        {
            return new OperandModel("const", CLiterals.CType(tensor.Type), 0, ConstantName(Register(ConstantArray.ForTensor(tensor), constants)));
        }
        return new OperandModel("arena", CLiterals.CType(tensor.Type), plan.TensorOffset(tensor.Index), "");
    }

    private static IoTensorModel IoTensor(Tensor t, MemoryPlan plan) => new(
        CLiterals.StringBody(t.Name),
        plan.TensorOffset(t.Index),
        t.SizeInBytes,
        t.Type switch
        {
            DataType.Int8 => "MG_TYPE_INT8",
            DataType.Int16 => "MG_TYPE_INT16",
            DataType.Int32 => "MG_TYPE_INT32",
            DataType.Float32 => "MG_TYPE_FLOAT32",
            DataType.UInt8 => "MG_TYPE_UINT8",
            _ => throw new ArgumentException($"tensor '{t.Name}': {t.Type.DisplayName()} inputs and outputs are not supported"),
        },
        t.Shape.Length,
        Enumerable.Range(0, 6).Select(i => i < t.Shape.Length ? t.Shape[i] : 0).ToList(),
        CLiterals.Float(t.Quantization?.Scale ?? 0f),
        t.Quantization?.ZeroPoint ?? 0);

    private static BoardModel BoardModelOf(Board board) => new(
        board.Name,
        board.IsHost,
        board.ClockHz,
        board.Semihosting,
        board.Fpu != FpuKind.None,
        board.Core is CoreKind.CortexM3 or CoreKind.CortexM4 or CoreKind.CortexM7 or CoreKind.CortexM33,
        board.Console.Kind switch
        {
            ConsoleKind.Stm32UsartF4 => "stm32-usart-f4",
            ConsoleKind.Stm32UsartF7 => "stm32-usart-f7",
            ConsoleKind.CmsdkUart => "cmsdk-uart",
            ConsoleKind.NrfUarte => "nrf-uarte",
            ConsoleKind.Semihosting => "semihosting",
            _ => "stdout",
        },
        $"0x{board.Console.Base:X8}",
        board.Console.Baud,
        board.ConsoleDefines.Select(d => new DefineModel(d.Key, d.Value)).ToList(),
        board.Flash.Select(Region).ToList(),
        board.Ram.Select(Region).ToList(),
        board.IsHost ? "" : board.CodeRegion.Name,
        board.ArenaRegion,
        board.StackRegion,
        board.StackBytes,
        board.GccCpu,
        board.GccFloatFlags,
        board.RenodePlatform ?? "",
        board.RenodeUart ?? "");

    private static RegionModel Region(MemoryRegion r) => new(r.Name, $"0x{r.Origin:X8}", $"0x{r.Size:X}");

    private static string ConstantName(ConstantArray array) => "mg_c_" + array.Key;

    /// <summary>One function per operator, named after its index in the model: the simulator attributes cycles by this prefix.</summary>
    public static string LayerSymbol(Operator op) => $"mg_layer_{op.Number:D3}_{op.Kind.SymbolName()}";

    private static string StorageText(PlannedStep step) => step.Storage.Mode switch
    {
        StorageMode.Alias => "output aliases its input",
        StorageMode.InPlace => "computed in place over its input",
        StorageMode.Overlapped => "output overlaps its input (streamed)",
        _ => "",
    };

    private static GeneratedFile Text(string path, string text) => new(path, System.Text.Encoding.UTF8.GetBytes(text));

    public static string CIdentifier(string name)
    {
        var chars = name.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray();
        var text = new string(chars);
        return text.Length == 0 || char.IsAsciiDigit(text[0]) ? "m_" + text : text;
    }
}

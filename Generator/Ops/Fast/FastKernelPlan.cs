using MicroGen.Ir;
using MicroGen.Ops.Common;
using MicroGen.Ops.Conv2D;
using MicroGen.Ops.DepthwiseConv2D;
using MicroGen.Ops.FullyConnected;

namespace MicroGen.Ops.Fast;

/// <summary>
/// Which operators of a graph run on the optimised kernels. An operator's candidate family follows from its geometry
/// and types alone. With <see cref="KernelChoice.Auto"/>, the kernel functions the candidates need (one per family and
/// clamp variant) are admitted by MACs covered, largest first, while their estimated code stays within a fifth of the
/// graph's weight bytes: specialisation never costs more flash than that. The choice is a pure function of the graph and
/// the target, so that StorageOptions (scratch) and Lower agree.
/// </summary>
public static class FastKernelPlan
{
    /// <summary>The most code the optimised kernels may add, as a fraction of the model's weight bytes.</summary>
    public const double CodeBudgetOfWeights = 0.2;

    /// <summary>The family operator <paramref name="op"/> of the graph runs on for the target (None: plain portable kernel).</summary>
    public static FastKernelFamily Choose(Graph graph, Operator op, TargetFeatures target)
    {
        if (target.Kernels == KernelChoice.Reference)
        {
            return FastKernelFamily.None;
        }
        var candidate = Candidate(graph, op);
        if (candidate is null || target.Kernels == KernelChoice.Optimized)
        {
            return candidate?.Family ?? FastKernelFamily.None;
        }
        return Admitted(graph, target).Contains(candidate.Function) ? candidate.Family : FastKernelFamily.None;
    }

    /// <summary>
    /// The depthwise kernel's specialisation suffix: "_k3sS" for a 3x3 filter at column stride S without column dilation
    /// (rows unrolled), "_pPsS" for filter rows of P tap pairs (2P - 1 or 2P taps) at column stride S without column
    /// dilation, "" (the general kernel) otherwise.
    /// </summary>
    public static string DepthwiseShape(Window2D w)
    {
        var pairs = (w.FilterWidth + 1) / 2;
        if (w is { FilterHeight: 3, FilterWidth: 3, DilationWidth: 1, StrideWidth: 1 or 2 })
        {
            return $"_k3s{w.StrideWidth}";
        }
        return w.DilationWidth == 1 && pairs is >= 2 and <= 4 && w.StrideWidth is 1 or 2 ? $"_p{pairs}s{w.StrideWidth}" : "";
    }

    /// <summary>
    /// Estimated code bytes of one optimised kernel function with the helpers it alone uses (arm-none-eabi-gcc -O2, the
    /// largest of its three requantization variants; portable: the Cortex-M0+ build, the largest; measured on the
    /// kernels in Runtime.C).
    /// </summary>
    public static int CodeBytes(FastKernelFamily family, bool dsp) => family switch
    {
        FastKernelFamily.Pointwise => dsp ? 1650 : 1100,
        FastKernelFamily.Convolution => dsp ? 2300 : 1970,
        FastKernelFamily.Depthwise => dsp ? 1450 : 2000,
        FastKernelFamily.DepthwisePixel => dsp ? 850 : 1700,
        FastKernelFamily.FullyConnected => dsp ? 750 : 1700,
        _ => 0,
    };

    /// <summary>Code bytes of the plain kernel an operator kind stops needing when none of its layers uses it (the smallest build).</summary>
    private static int ReferenceBytes(OpKind kind) => kind switch
    {
        OpKind.Conv2D => 590,
        OpKind.DepthwiseConv2D => 580,
        OpKind.FullyConnected => 310,
        _ => 0,
    };

    /// <summary>
    /// The kernel functions admitted for the graph: by MACs covered, largest first, each kept when the net code growth
    /// (optimised functions, less the plain kernels no layer needs any more) stays within the budget.
    /// </summary>
    private static HashSet<string> Admitted(Graph graph, TargetFeatures target) => AdmittedWithGrowth(graph, target).Functions;

    /// <summary><see cref="Admitted"/>, with the estimated net code growth of the admitted functions.</summary>
    private static (HashSet<string> Functions, long Growth) AdmittedWithGrowth(Graph graph, TargetFeatures target)
    {
        var budget = CodeBudgetOfWeights * graph.Tensors.Where(t => t.IsConstant).Sum(t => (long)t.Data!.Length);
        var layers = graph.Operators.Select(op => (op.Kind, Candidate: Candidate(graph, op))).ToList();
        var functions = layers.Where(l => l.Candidate is not null).GroupBy(l => l.Candidate!.Function, StringComparer.Ordinal)
            .Select(g => (Function: g.Key, g.First().Candidate!.Family, Macs: g.Sum(l => l.Candidate!.Macs)))
            .OrderByDescending(f => f.Macs).ThenBy(f => f.Function, StringComparer.Ordinal)
            .ToList();
        var admitted = new HashSet<string>(StringComparer.Ordinal);
        long Growth() => functions.Where(x => admitted.Contains(x.Function)).Sum(x => (long)CodeBytes(x.Family, target.Dsp))
            - layers.GroupBy(l => l.Kind)
                .Where(g => g.All(l => l.Candidate is not null && admitted.Contains(l.Candidate.Function)))
                .Sum(g => (long)ReferenceBytes(g.Key));
        foreach (var f in functions)
        {
            admitted.Add(f.Function);
            if (Growth() > budget)
            {
                admitted.Remove(f.Function);
            }
        }
        return (admitted, Growth());
    }

    /// <summary>At most this fraction of the model's weight bytes is added to flash by pre-widened (int16) filters.</summary>
    public const double WideningBudgetOfWeights = 0.75;

    /// <summary>
    /// Flash kept free of widened filters for code, the runtime and the parameter tables, beside the weights and a
    /// quarter of their bytes again (channel records and depth padding of the rearranged filters): widening must not
    /// take a model that fits the board's flash unwidened out of it.
    /// </summary>
    public const long FlashReserveBytes = 128 * 1024;

    /// <summary>The bytes widening may add on a target: within the weight budget and the board's flash.</summary>
    public static long WideningBudget(long weights, TargetFeatures target) =>
        Math.Min((long)(WideningBudgetOfWeights * weights),
            target.FlashBytes == long.MaxValue ? long.MaxValue : target.FlashBytes - weights - weights / 4 - FlashReserveBytes);

    /// <summary>
    /// The CONV_2D operators (by index) whose filter is pre-widened to int16 on DSP cores (mg_conv2d_s8_pw_dsp16,
    /// mg_conv2d_s8_dsp16): it saves the SXTB16 of the weights and doubles the filter's bytes, so it pays most where a
    /// weight is reused over many output pixels. First the layers of whole kernel functions (a code swap), then single
    /// layers, each by output pixels, most first, while the added bytes stay within <see cref="WideningBudgetOfWeights"/> of the model's weight bytes, leave
    /// <see cref="FlashReserveBytes"/> of the board's flash beside the weights, and, with the
    /// automatic kernel choice, each widened kernel function's code within what is left of the code budget
    /// (<see cref="CodeBudgetOfWeights"/>).
    /// </summary>
    public static IReadOnlySet<int> Widened(Graph graph, TargetFeatures target)
    {
        var widened = new HashSet<int>();
        if (!target.Dsp || target.Kernels == KernelChoice.Reference)
        {
            return widened;
        }
        var weights = graph.Tensors.Where(t => t.IsConstant).Sum(t => (long)t.Data!.Length);
        var budget = WideningBudget(weights, target);
        var (admitted, growth) = target.Kernels == KernelChoice.Auto ? AdmittedWithGrowth(graph, target) : (null, 0L);
        // Each widened kernel function is more code: with the automatic choice it must fit in the code budget too.
        var codeLeft = admitted is null ? long.MaxValue : (long)(CodeBudgetOfWeights * weights) - growth;
        var layers = graph.Operators
            .Select(op => (Op: op, Candidate: Candidate(graph, op)))
            .Where(x => x.Candidate is { Family: FastKernelFamily.Pointwise or FastKernelFamily.Convolution } c
                        && (admitted is null || admitted.Contains(c.Function)))
            .Select(x =>
            {
                var d = Convolution(graph, x.Op)!;
                var w = d.Window;
                return (x.Op.Index, x.Candidate!.Family, Function: x.Candidate.Function + "16",
                    Pixels: (long)d.Batches * w.OutputHeight * w.OutputWidth,
                    Bytes: (long)d.OutputDepth * FastFilters.Depth4(w.FilterHeight * w.FilterWidth * d.InputDepth));
            })
            .OrderByDescending(l => l.Pixels).ThenBy(l => l.Index)
            .ToList();
        var used = 0L;
        var functions = new HashSet<string>(StringComparer.Ordinal);
        // First whole kernel functions, most pixels first: widening every layer of one swaps its code for the widened
        // function's (about the same size).
        foreach (var g in layers.GroupBy(l => l.Function, StringComparer.Ordinal).OrderByDescending(g => g.Sum(l => l.Pixels)))
        {
            var bytes = g.Sum(l => l.Bytes);
            if (used + bytes <= budget)
            {
                used += bytes;
                functions.Add(g.Key);
                widened.UnionWith(g.Select(l => l.Index));
            }
        }
        // Then single layers, most pixels first: both functions stay, so the widened one's code must fit.
        foreach (var l in layers.Where(l => !widened.Contains(l.Index)))
        {
            var code = functions.Contains(l.Function) ? 0 : CodeBytes(l.Family, dsp: true);
            if (l.Pixels >= 4 && used + l.Bytes <= budget && code <= codeLeft)
            {
                used += l.Bytes;
                codeLeft -= code;
                functions.Add(l.Function);
                widened.Add(l.Index);
            }
        }
        return widened;
    }

    /// <summary>
    /// The CONV_2D data of an operator the convolution kernels run: an int8 CONV_2D, or a DEPTHWISE_CONV_2D over one input
    /// channel (<see cref="DepthwiseConv2DData.AsConvolution"/>); null otherwise.
    /// </summary>
    public static Conv2DData? Convolution(Graph graph, Operator op) =>
        op.Kind is OpKind.Conv2D or OpKind.DepthwiseConv2D
            ? OperatorRegistry.Default.For(op).Prepare(new OpContext(graph, op)) switch
            {
                Conv2DData { IsFloat: false } c when c.FilterInputDepth == c.InputDepth => c,
                DepthwiseConv2DData { IsFloat: false } d => d.AsConvolution(),
                _ => null,
            }
            : null;

    /// <summary>
    /// Whether a depth-multiplier-1 depthwise layer runs faster pixel by pixel (<see cref="FastKernelFamily.DepthwisePixel"/>)
    /// than channel by channel over its ring of rows.
    /// </summary>
    public static bool DepthwisePixelPays(DepthwiseConv2DData d) => d.DepthMultiplier == 1 && d.Window.OutputWidth <= 16;

    /// <summary>Whether the channel-by-channel depthwise kernel (ring of rows) takes the layer: filter and multiplier limits.</summary>
    public static bool DepthwiseRingFits(DepthwiseConv2DData d) =>
        !d.IsFloat && d.Window.FilterHeight <= 32 && d.Window.FilterHeight * ((d.Window.FilterWidth + 1) / 2) <= 128
        && !d.OutputMultiplier.Contains(int.MinValue);

    private sealed record FastCandidate(FastKernelFamily Family, string Function, long Macs);

    /// <summary>The optimised kernel an operator would use, from its geometry and types (null: none applies).</summary>
    private static FastCandidate? Candidate(Graph graph, Operator op)
    {
        if (op.Kind is not (OpKind.Conv2D or OpKind.DepthwiseConv2D or OpKind.FullyConnected))
        {
            return null;
        }
        var ctx = new OpContext(graph, op);
        var definition = OperatorRegistry.Default.For(op);
        var macs = definition.CountMacs(ctx);
        var data = definition.Prepare(ctx);
        if (data is DepthwiseConv2DData { IsFloat: false } dw && dw.AsConvolution() is { } asConvolution)
        {
            data = asConvolution;
        }
        switch (data)
        {
            case Conv2DData { IsFloat: false } d when d.FilterInputDepth == d.InputDepth:
                var pointwise = d.Window is { FilterHeight: 1, FilterWidth: 1, StrideHeight: 1, StrideWidth: 1, PadTop: 0, PadLeft: 0 };
                return pointwise
                    ? new(FastKernelFamily.Pointwise, "pw" + Range(d.ActivationMin, d.ActivationMax), macs)
                    : new(FastKernelFamily.Convolution, "conv" + Range(d.ActivationMin, d.ActivationMax), macs);
            case DepthwiseConv2DData { IsFloat: false } d when DepthwisePixelPays(d):
                return new(FastKernelFamily.DepthwisePixel, "dwpx" + Range(d.ActivationMin, d.ActivationMax), macs);
            case DepthwiseConv2DData { IsFloat: false } d when DepthwiseRingFits(d):
                return new(FastKernelFamily.Depthwise, "dw" + DepthwiseShape(d.Window) + Range(d.ActivationMin, d.ActivationMax), macs);
            case FullyConnectedData { IsFloat: false, FilterOffset: 0 } d:
                return new(FastKernelFamily.FullyConnected, "fc" + Range(d.ActivationMin, d.ActivationMax), macs);
            default:
                return null;
        }
    }

    private static string Range(int min, int max) => min == sbyte.MinValue && max == sbyte.MaxValue ? "" : "_clamp";
}

using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using MicroGen.Simulator.DecoderGen.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Text;

namespace MicroGen.Simulator.DecoderGen;

/// <summary>
/// Incremental generator: parses the *.decode AdditionalFiles (thumb16, thumb32, vfp), finds the
/// handler methods of <c>Cpu</c> by syntax, and emits the decoder and the dispatch switch.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class DecoderGenerator : IIncrementalGenerator
{
    private static readonly string[] FileOrder = { "thumb16.decode", "thumb32.decode", "vfp.decode" };

    private static readonly DiagnosticDescriptor TableSyntax = new(
        "MGD001", "Decode table error", "{0}", "MicroGen.Decode", DiagnosticSeverity.Error, true);

    private static readonly DiagnosticDescriptor MissingHandler = new(
        "MGD002", "Missing instruction handler", "Encoding {0} has no handler method Cpu.{0}", "MicroGen.Decode", DiagnosticSeverity.Error, true);

    private static readonly DiagnosticDescriptor ArityMismatch = new(
        "MGD003", "Handler arity mismatch", "Encoding {0} declares {1} fields but Cpu.{0} takes {2} parameters", "MicroGen.Decode", DiagnosticSeverity.Error, true);

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ImmutableArray<TableSpec>> tables = context.AdditionalTextsProvider
            .Where(static file => file.Path.EndsWith(".decode", StringComparison.OrdinalIgnoreCase))
            .Select(static (file, token) =>
            {
                string name = Path.GetFileName(file.Path);
                int order = Array.IndexOf(FileOrder, name);
                return DecodeTableParser.Parse(name, file.GetText(token)?.ToString() ?? string.Empty, (order + 1) * 1000);
            })
            .Collect();

        IncrementalValueProvider<ImmutableArray<HandlerSpec>> handlers = context.SyntaxProvider
            .CreateSyntaxProvider(
                static (node, _) => node is MethodDeclarationSyntax { Parent: ClassDeclarationSyntax { Identifier.ValueText: "Cpu" } },
                static (syntaxContext, _) =>
                {
                    var method = (MethodDeclarationSyntax)syntaxContext.Node;
                    ImmutableArray<string> types = method.ParameterList.Parameters
                        .Select(p => p.Type?.ToString() ?? "uint")
                        .ToImmutableArray();
                    return new HandlerSpec(method.Identifier.ValueText, new EquatableArray<string>(types));
                })
            .Collect();

        context.RegisterSourceOutput(tables.Combine(handlers), static (output, input) => Emit(output, input.Left, input.Right));
    }

    private static void Emit(SourceProductionContext output, ImmutableArray<TableSpec> tables, ImmutableArray<HandlerSpec> handlerList)
    {
        List<TableSpec> ordered = tables.OrderBy(t => Array.IndexOf(FileOrder, t.FileName)).ThenBy(t => t.FileName, StringComparer.Ordinal).ToList();
        var all = new List<EncodingSpec>();
        var unimplemented = new List<string>();
        foreach (TableSpec table in ordered)
        {
            foreach (TableError error in table.Errors)
            {
                output.ReportDiagnostic(Diagnostic.Create(TableSyntax, LocationOf(error.File, error.Line), $"{error.File}({error.Line}): {error.Message}"));
            }

            all.AddRange(table.Encodings);
            unimplemented.AddRange(table.Unimplemented);
        }

        var handlers = new Dictionary<string, HandlerSpec>(StringComparer.Ordinal);
        foreach (HandlerSpec handler in handlerList)
        {
            handlers[handler.Name] = handler;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (EncodingSpec encoding in all)
        {
            if (!seen.Add(encoding.Name))
            {
                output.ReportDiagnostic(Diagnostic.Create(TableSyntax, LocationOf(encoding.File, encoding.Line), $"{encoding.File}({encoding.Line}): duplicate encoding name {encoding.Name}"));
            }

            if (!handlers.TryGetValue(encoding.Name, out HandlerSpec? handler))
            {
                output.ReportDiagnostic(Diagnostic.Create(MissingHandler, LocationOf(encoding.File, encoding.Line), encoding.Name));
            }
            else if (handler.ParameterTypes.Count != encoding.ArgumentExpressions.Count)
            {
                output.ReportDiagnostic(Diagnostic.Create(ArityMismatch, LocationOf(encoding.File, encoding.Line), encoding.Name, encoding.ArgumentExpressions.Count, handler.ParameterTypes.Count));
            }
        }

        output.AddSource("OpCode.g.cs", DecoderEmitter.EmitOpCodes(all));
        output.AddSource("DecodeTable.g.cs", DecoderEmitter.EmitDecoder(all, unimplemented));
        output.AddSource("Cpu.Dispatch.g.cs", DecoderEmitter.EmitDispatch(all, handlers));
    }

    private static Location LocationOf(string file, int line) =>
        Location.Create(file, default, new LinePositionSpan(new LinePosition(line - 1, 0), new LinePosition(line - 1, 0)));
}

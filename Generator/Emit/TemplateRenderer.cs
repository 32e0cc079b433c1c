using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace MicroGen.Emit;

/// <summary>
/// Renders the embedded Scriban templates (templates/*.sbn). Model objects are exposed with snake_case member names;
/// `include "x.sbn"` loads sibling templates. Rendering is deterministic: no clock, no environment.
/// </summary>
public sealed class TemplateRenderer
{
    private readonly Dictionary<string, Template> _parsed = new(StringComparer.Ordinal);

    public string Render(string templateName, object model)
    {
        var template = Parse(templateName);
        var globals = new ScriptObject();
        globals.Import(model, renamer: StandardMemberRenamer.Default);
        var context = new TemplateContext
        {
            TemplateLoader = new EmbeddedTemplateLoader(),
            MemberRenamer = StandardMemberRenamer.Default,
            StrictVariables = true,
            LoopLimit = int.MaxValue,
            EnableRelaxedMemberAccess = false,
            // model.c of a model with a few hundred KB of weights is several MB of text: no output or string limit.
            LimitToString = 0,
        };
        context.PushGlobal(globals);
        return template.Render(context).ReplaceLineEndings("\n");
    }

    private Template Parse(string name)
    {
        if (!_parsed.TryGetValue(name, out var template))
        {
            template = Template.Parse(EmbeddedFiles.Read("templates/" + name), name);
            if (template.HasErrors)
            {
                throw new InvalidOperationException($"template {name}: {string.Join("; ", template.Messages)}");
            }
            _parsed[name] = template;
        }
        return template;
    }

    private sealed class EmbeddedTemplateLoader : ITemplateLoader
    {
        public string GetPath(TemplateContext context, SourceSpan callerSpan, string templateName) => "templates/" + templateName;

        public string Load(TemplateContext context, SourceSpan callerSpan, string templatePath) => EmbeddedFiles.Read(templatePath);

        public ValueTask<string?> LoadAsync(TemplateContext context, SourceSpan callerSpan, string templatePath) =>
            new(Load(context, callerSpan, templatePath));
    }
}

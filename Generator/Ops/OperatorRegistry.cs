using System.Collections.Frozen;
using MicroGen.Diagnostics;
using MicroGen.Ir;

namespace MicroGen.Ops;

/// <summary>
/// The operator definitions of this assembly, found once by reflection so that adding an operator means
/// adding its definition class and nothing else.
/// </summary>
public sealed class OperatorRegistry
{
    private readonly FrozenDictionary<OpKind, OperatorDefinition> _byKind;

    private OperatorRegistry(FrozenDictionary<OpKind, OperatorDefinition> byKind) => _byKind = byKind;

    public static OperatorRegistry Default { get; } = Create();

    public IEnumerable<OpKind> SupportedKinds => _byKind.Keys.Order();

    public bool Supports(OpKind kind) => _byKind.ContainsKey(kind);

    public OperatorDefinition For(Operator op) =>
        _byKind.TryGetValue(op.Kind, out var definition)
            ? definition
            : throw new UnsupportedModelException($"{op.Describe()}: no reference kernel exists for {op.Kind.DisplayName()}");

    private static OperatorRegistry Create()
    {
        var byKind = new Dictionary<OpKind, OperatorDefinition>();
        var types = typeof(OperatorDefinition).Assembly.GetTypes()
            .Where(t => t.IsSubclassOf(typeof(OperatorDefinition)) && !t.IsAbstract)
            .OrderBy(t => t.FullName, StringComparer.Ordinal);
        foreach (var type in types)
        {
            var definition = (OperatorDefinition)Activator.CreateInstance(type)!;
            foreach (var kind in definition.Kinds)
            {
                if (!byKind.TryAdd(kind, definition))
                {
                    throw new InvalidOperationException($"{kind} is defined twice ({byKind[kind].GetType().Name}, {type.Name})");
                }
            }
        }
        return new OperatorRegistry(byKind.ToFrozenDictionary());
    }
}

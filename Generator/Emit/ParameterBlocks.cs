using MicroGen.Emit.Model;

namespace MicroGen.Emit;

/// <summary>
/// The distinct parameter blocks of a layer that runs with several geometries (the patches of a patch stage, the bands
/// of a row-streamed segment): geometries whose fields are equal share one block.
/// </summary>
internal sealed class ParameterBlocks
{
    private readonly List<string> _keys = [];

    public List<IReadOnlyList<FieldModel>> Blocks { get; } = [];

    /// <summary>The index of the block with these fields, added when new.</summary>
    public int IndexOf(IReadOnlyList<FieldModel> fields)
    {
        var key = string.Join(";", fields.Select(f => f.Value));
        var index = _keys.IndexOf(key);
        if (index < 0)
        {
            index = _keys.Count;
            _keys.Add(key);
            Blocks.Add(fields);
        }
        return index;
    }
}

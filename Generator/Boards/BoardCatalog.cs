using MicroGen.Diagnostics;
using MicroGen.Emit;

namespace MicroGen.Boards;

/// <summary>
/// The boards MicroGen knows: the profiles built into the tool (boards/*.json) plus any in the folder named by
/// MICROGEN_BOARDS (a profile there replaces a built-in one of the same name).
/// </summary>
public sealed class BoardCatalog
{
    private readonly Dictionary<string, Board> _boards;

    private BoardCatalog(Dictionary<string, Board> boards) => _boards = boards;

    public IEnumerable<Board> All => _boards.Values.OrderBy(b => b.Name, StringComparer.Ordinal);

    public static BoardCatalog Load(string? extraFolder = null)
    {
        var boards = new Dictionary<string, Board>(StringComparer.Ordinal);
        foreach (var (path, text) in EmbeddedFiles.Under("boards/"))
        {
            if (path.EndsWith(".json", StringComparison.Ordinal) && !path.EndsWith(".schema.json", StringComparison.Ordinal))
            {
                Add(boards, BoardLoader.Parse(text, path), path);
            }
        }
        var folder = extraFolder ?? Environment.GetEnvironmentVariable("MICROGEN_BOARDS");
        if (!string.IsNullOrEmpty(folder))
        {
            if (!Directory.Exists(folder))
            {
                throw new UserErrorException($"board folder '{folder}' (MICROGEN_BOARDS) does not exist");
            }
            foreach (var path in Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                if (!path.EndsWith(".schema.json", StringComparison.Ordinal))
                {
                    var board = BoardLoader.Parse(File.ReadAllText(path), path);
                    boards[board.Name] = board;
                }
            }
        }
        return new BoardCatalog(boards);
    }

    private static void Add(Dictionary<string, Board> boards, Board board, string path)
    {
        var expected = Path.GetFileNameWithoutExtension(path);
        if (board.Name != expected)
        {
            throw new UserErrorException($"{path}: field 'name': '{board.Name}' must match the file name '{expected}'");
        }
        boards.Add(board.Name, board);
    }

    public Board Get(string name) =>
        _boards.TryGetValue(name, out var board)
            ? board
            : throw new UserErrorException($"unknown board '{name}' (known: {string.Join(", ", _boards.Keys.Order(StringComparer.Ordinal))})");
}

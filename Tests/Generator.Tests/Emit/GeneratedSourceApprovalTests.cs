using System.Text;
using MicroGen.Emit;
using MicroGen.Import;
using MicroGen.Planning;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Emit;

/// <summary>
/// Snapshots of the generated sources (everything but the copied Runtime.C files) for small models, committed as
/// approved files: a change in what MicroGen writes shows in review. After an intended change, copy the
/// .received.txt over the .approved.txt.
/// </summary>
public class GeneratedSourceApprovalTests
{
    [TestCase("tflm_hello_world_int8.tflite", "host")]
    [TestCase("tflm_hello_world_int8.tflite", "mps2-an386")]
    [TestCase("tflm_hello_world_int8.tflite", "stm32f746g-disco")]
    public void GeneratedProject(string model, string board) =>
        ApprovedFiles.Verify(Snapshot(model, board), $"{Path.GetFileNameWithoutExtension(model)}.{board}");

    public static string Snapshot(string model, string boardName)
    {
        var board = FirmwareHarness.Board(boardName);
        var graph = ModelLoader.Load(SharedModels.PathOf(model));
        var plan = MemoryPlanner.Plan(graph, new PlanOptions(board.Target));
        var project = FirmwareEmitter.Emit(graph, plan, board, new EmitOptions(model));
        var text = new StringBuilder();
        foreach (var file in project.Files.Where(f => !f.Path.StartsWith("runtime/", StringComparison.Ordinal)))
        {
            text.Append("===== ").Append(file.Path).Append(" =====\n").Append(Encoding.UTF8.GetString(file.Content));
        }
        text.Append("===== runtime files =====\n");
        foreach (var file in project.Files.Where(f => f.Path.StartsWith("runtime/", StringComparison.Ordinal)))
        {
            text.Append(file.Path).Append('\n');
        }
        return text.ToString();
    }
}

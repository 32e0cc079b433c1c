using System.Runtime.CompilerServices;
using ApprovalTests;
using ApprovalTests.Core;
using ApprovalTests.Reporters;
using ApprovalTests.Writers;

namespace MicroGen.Tests.Support;

/// <summary>
/// Approval (snapshot) checks with explicit names: the approved file is Approved/NAME.approved.txt next to the calling
/// test's source file. A mismatch writes NAME.received.txt beside it and fails quietly (no diff tool in CI).
/// </summary>
public static class ApprovedFiles
{
    public static void Verify(string text, string name, [CallerFilePath] string callerFile = "")
    {
        var folder = Path.Combine(Path.GetDirectoryName(callerFile)!, "Approved");
        Directory.CreateDirectory(folder);
        Approvals.Verify(new ApprovalTextWriter(text), new Namer(folder, name), new QuietReporter());
    }

    private sealed class Namer(string folder, string name) : IApprovalNamer
    {
        public string SourcePath => folder;

        public string Name => name;
    }
}

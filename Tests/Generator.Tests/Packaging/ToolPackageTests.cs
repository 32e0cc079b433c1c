using System.IO.Compression;
using MicroGen.Build;
using MicroGen.Tests.Support;

namespace MicroGen.Tests.Packaging;

/// <summary>`dotnet pack` makes the microgen .NET tool, which installs and runs with its built-in boards and templates.</summary>
[Category("Slow")]
public class ToolPackageTests
{
    [Test]
    public void PackInstallAndRunTheTool()
    {
        var folder = Directory.CreateTempSubdirectory("microgen-pack-").FullName;
        try
        {
            var feed = Path.Combine(folder, "feed");
            var pack = ProcessRunner.Run("dotnet", ["pack", Path.Combine(SharedModels.RepositoryRoot, "Generator", "MicroGen.Generator.csproj"),
                "-c", "Release", "-o", feed, "--nologo"], SharedModels.RepositoryRoot, TimeSpan.FromMinutes(10));
            Assert.That(pack.ExitCode, Is.EqualTo(0), pack.Stdout + pack.Stderr);
            var package = Directory.GetFiles(feed, "MicroGen.*.nupkg").Single();
            using (var zip = ZipFile.OpenRead(package))
            {
                var names = zip.Entries.Select(e => e.FullName).ToList();
                Assert.That(names, Has.Some.EndsWith("tools/net10.0/any/microgen.dll"));
                Assert.That(names, Has.Some.EndsWith("tools/net10.0/any/MicroGen.Simulator.dll"));
                Assert.That(names, Has.Some.EqualTo("README.md"));
            }
            var tools = Path.Combine(folder, "tools");
            var install = ProcessRunner.Run("dotnet", ["tool", "install", "MicroGen", "--tool-path", tools, "--add-source", feed, "--version", "0.1.0"],
                folder, TimeSpan.FromMinutes(5));
            Assert.That(install.ExitCode, Is.EqualTo(0), install.Stdout + install.Stderr);
            var run = ProcessRunner.Run(Path.Combine(tools, "microgen"), ["boards"], folder, TimeSpan.FromMinutes(2));
            Assert.That(run.ExitCode, Is.EqualTo(0), run.Stderr);
            Assert.That(run.Stdout, Does.Contain("stm32f746g-disco").And.Contain("nucleo-l073rz"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}

using System.Diagnostics;
using System.Globalization;
using MicroGen.Simulator;
using MicroGen.Simulator.Bench;

// Simulator speed (cycle model on) against qemu-system-arm on the same int8 matrix-multiply ELF.
// QEMU's time is wall clock minus its start-up (measured on the same program with no repetitions);
// its MIPS divides the simulator's instruction count for the same work by that time.
if (!Toolchain.Exists("arm-none-eabi-gcc"))
{
    Console.Error.WriteLine("arm-none-eabi-gcc is needed to build the benchmark firmware.");
    return 2;
}

bool withQemu = Toolchain.Exists("qemu-system-arm");
string directory = Directory.CreateTempSubdirectory("microgen-simbench").FullName;
var rows = new List<BenchmarkRow>();
var targets = new (string Name, string Flags, MachineDescription Machine, string Qemu)[]
{
    ("Cortex-M4", "-mcpu=cortex-m4 -mfloat-abi=hard -mfpu=fpv4-sp-d16", KnownMachines.Mps2An386, "mps2-an386"),
    ("Cortex-M3", "-mcpu=cortex-m3 -mfloat-abi=soft", KnownMachines.Mps2An385, "mps2-an385"),
    ("Cortex-M7", "-mcpu=cortex-m7 -mfloat-abi=hard -mfpu=fpv5-sp-d16", KnownMachines.Mps2An500, "mps2-an500"),
};
int repeat = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 40;
foreach ((string name, string flags, MachineDescription machine, string qemuMachine) in targets)
{
    string elf = Toolchain.Build(directory, flags, repeat);
    string baseline = Toolchain.Build(directory, flags, 0);
    ulong baselineInstructions = CortexMSimulator.Run(machine, baseline).Instructions;

    // Warm-up (JIT tiers up), then the best of three timed runs.
    SimulationResult result = CortexMSimulator.Run(machine, elf);
    double best = double.MaxValue;
    for (int i = 0; i < 3; i++)
    {
        var stopwatch = Stopwatch.StartNew();
        result = CortexMSimulator.Run(machine, elf);
        best = Math.Min(best, stopwatch.Elapsed.TotalSeconds);
    }

    Console.WriteLine($"{name}: {result.ConsoleText.Trim()} instructions {result.Instructions:N0} cycles {result.Cycles:N0} (CPI {(double)result.Cycles / result.Instructions:F3})");
    rows.Add(new BenchmarkRow("simulator", name, result.Instructions, best));
    if (withQemu)
    {
        double qemuStart = Enumerable.Range(0, 3).Min(_ => Toolchain.TimeQemu(qemuMachine, baseline));
        double qemu = Enumerable.Range(0, 3).Min(_ => Toolchain.TimeQemu(qemuMachine, elf));
        rows.Add(new BenchmarkRow("qemu-system-arm " + qemuMachine, name, result.Instructions - baselineInstructions, Math.Max(1e-3, qemu - qemuStart)));
    }
}

Console.WriteLine();
Console.WriteLine("| core | engine | instructions | seconds | MIPS | simulator / QEMU |");
Console.WriteLine("|---|---|---:|---:|---:|---:|");
foreach (IGrouping<string, BenchmarkRow> group in rows.GroupBy(r => r.Machine))
{
    double simulatorMips = group.First().Mips;
    foreach (BenchmarkRow row in group)
    {
        string ratio = row.Engine == "simulator" ? string.Empty : (simulatorMips / row.Mips).ToString("F2", CultureInfo.InvariantCulture);
        Console.WriteLine($"| {row.Machine} | {row.Engine} | {row.Instructions:N0} | {row.Seconds:F3} | {row.Mips:F1} | {ratio} |");
    }
}

Directory.Delete(directory, recursive: true);
return 0;

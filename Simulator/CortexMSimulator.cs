namespace MicroGen.Simulator;

/// <summary>The entry point the rest of MicroGen calls: load an ELF on a described board and run it.</summary>
public static class CortexMSimulator
{
    /// <summary>Runs <paramref name="elfPath"/>; never throws for a user's mistake (bad ELF, patch, machine): see <see cref="SimulationResult.Error"/>.</summary>
    public static SimulationResult Run(MachineDescription machine, string elfPath, RunOptions? options = null)
    {
        options ??= new RunOptions();
        return Machine.TryCreate(machine, elfPath, options, out Machine? built, out string error)
            ? built!.Run()
            : SimulationResult.Failed(error);
    }

    /// <summary>Runs an ELF image given as bytes.</summary>
    public static SimulationResult Run(MachineDescription machine, byte[] elfBytes, RunOptions? options = null)
    {
        options ??= new RunOptions();
        if (!Elf.ElfImage.TryLoad(elfBytes, out Elf.ElfImage? image, out string error))
        {
            return SimulationResult.Failed(error);
        }

        return Machine.TryCreate(machine, image!, options, out Machine? built, out error)
            ? built!.Run()
            : SimulationResult.Failed(error);
    }
}

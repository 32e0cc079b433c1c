namespace MicroGen.Regress;

/// <summary>
/// One model x board result as the baseline keeps it: status ("ok", "differs", "does not fit: ..."), cycles (0 on the
/// host), peak SRAM (arena + measured stack), flash, and a hash of the outputs on the seeded inputs.
/// </summary>
public sealed record RegressionEntry(string Model, string Board, string Status, long Cycles, long PeakSramBytes, long FlashBytes, string OutputsSha256)
{
    public string Key => $"{Model}@{Board}";
}

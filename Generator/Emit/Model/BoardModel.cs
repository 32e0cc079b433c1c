namespace MicroGen.Emit.Model;

public sealed record BoardModel(
    string Name,
    bool IsHost,
    long ClockHz,
    bool Semihosting,
    bool HasFpu,
    bool HasDwt,
    string ConsoleKind,
    string ConsoleBase,
    int ConsoleBaud,
    IReadOnlyList<DefineModel> ConsoleDefines,
    IReadOnlyList<RegionModel> Flash,
    IReadOnlyList<RegionModel> Ram,
    string FlashRegion,
    string ArenaRegion,
    string StackRegion,
    long StackBytes,
    string GccCpu,
    string FloatFlags,
    string RenodePlatform,
    string RenodeUart);

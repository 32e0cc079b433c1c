namespace MicroGen.Simulator.Core;

/// <summary>Cortex-M exception numbers (IPSR values); external interrupt n is 16 + n.</summary>
public static class ExceptionNumber
{
    public const int Reset = 1;
    public const int Nmi = 2;
    public const int HardFault = 3;
    public const int MemManage = 4;
    public const int BusFault = 5;
    public const int UsageFault = 6;
    public const int SvCall = 11;
    public const int DebugMonitor = 12;
    public const int PendSv = 14;
    public const int SysTick = 15;
    public const int FirstInterrupt = 16;
}

namespace MicroGen.Boards;

/// <summary>Where the firmware prints its result lines.</summary>
public enum ConsoleKind
{
    /// <summary>The process's standard output (host).</summary>
    Stdout,

    /// <summary>Semihosting SYS_WRITE0 through the debugger or emulator.</summary>
    Semihosting,

    /// <summary>STM32 F4-family USART (SR/DR registers).</summary>
    Stm32UsartF4,

    /// <summary>STM32 F7/L0/L4-family USART (ISR/TDR registers).</summary>
    Stm32UsartF7,

    /// <summary>Arm CMSDK APB UART (MPS2 boards).</summary>
    CmsdkUart,

    /// <summary>Nordic nRF52 UARTE with EasyDMA.</summary>
    NrfUarte,
}

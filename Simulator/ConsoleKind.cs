namespace MicroGen.Simulator;

/// <summary>The console device model of a board (semihosting works in every case).</summary>
public enum ConsoleKind
{
    /// <summary>No UART: the console is semihosting only.</summary>
    SemihostingOnly,

    /// <summary>STM32 USART, F1/F2/F4 register layout (SR, DR, BRR, CR1...).</summary>
    Stm32UsartF4,

    /// <summary>STM32 USART, F0/F7/L0/L4 register layout (CR1..., ISR, ICR, RDR, TDR).</summary>
    Stm32UsartF7,

    /// <summary>ARM CMSDK APB UART (MPS2 boards).</summary>
    CmsdkUart,

    /// <summary>nRF52 UARTE with EasyDMA (the same instance also serves the legacy UART when ENABLE = 4).</summary>
    NrfUarte,

    /// <summary>nRF legacy UART (TXD register); the same model as <see cref="NrfUarte"/>.</summary>
    NrfUart,
}

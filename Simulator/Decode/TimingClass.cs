namespace MicroGen.Simulator.Decode;

/// <summary>The timing group of an encoding; each cycle model gives every class a base cost.</summary>
public enum TimingClass : byte
{
    Alu,

    /// <summary>Folded into the neighbouring instruction on M3/M4/M7 (IT).</summary>
    Fold,
    Mul,
    Mla,
    Mac,
    Lmul,
    Lmla,
    Div,
    Load,
    Store,
    Loadd,
    Stored,
    Ldm,
    Stm,
    Branch,
    Table,
    System,
    Fpalu,
    Fpmul,
    Fpmac,
    Fpdiv,
    Fpsqrt,
    Fpmov,
    Fpload,
    Fpstore,
    Fpldm,
    Fpstm,
    Fpcvt,
}

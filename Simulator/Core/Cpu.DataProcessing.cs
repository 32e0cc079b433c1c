namespace MicroGen.Simulator.Core;

/// <summary>A7.7 data-processing instructions: add, subtract, logic, move and compare (16- and 32-bit forms).</summary>
public sealed partial class Cpu
{
    // --- 16-bit shift (immediate), add, subtract, move, compare (A5.2.1) ---
    private void LslImmT1(int d, int m, uint imm5) => ShiftImmediate(d, m, OutsideItBlock, imm5);

    private void LsrImmT1(int d, int m, uint imm5) => ShiftImmediate(d, m, OutsideItBlock, (1u << 8) | (imm5 == 0 ? 32 : imm5));

    private void AsrImmT1(int d, int m, uint imm5) => ShiftImmediate(d, m, OutsideItBlock, (2u << 8) | (imm5 == 0 ? 32 : imm5));

    private void AddRegT1(int d, int n, int m) => AddSub(d, R(n), R(m), false, OutsideItBlock);

    private void SubRegT1(int d, int n, int m) => AddSub(d, R(n), ~R(m), true, OutsideItBlock);

    private void AddImmT1(int d, int n, uint imm32) => AddSub(d, R(n), imm32, false, OutsideItBlock);

    private void SubImmT1(int d, int n, uint imm32) => AddSub(d, R(n), ~imm32, true, OutsideItBlock);

    private void MovImmT1(int d, uint imm32) => Logical(d, imm32, OutsideItBlock, c);

    private void CmpImmT1(int n, uint imm32) => CompareFlags(R(n), ~imm32, true);

    private void AddImmT2(int d, uint imm32) => AddSub(d, R(d), imm32, false, OutsideItBlock);

    private void SubImmT2(int d, uint imm32) => AddSub(d, R(d), ~imm32, true, OutsideItBlock);

    // --- 16-bit data processing (A5.2.2) ---
    private void AndRegT1(int d, int m) => Logical(d, R(d) & R(m), OutsideItBlock, c);

    private void EorRegT1(int d, int m) => Logical(d, R(d) ^ R(m), OutsideItBlock, c);

    private void LslRegT1(int d, int m) => ShiftRegister(d, d, m, OutsideItBlock, 0);

    private void LsrRegT1(int d, int m) => ShiftRegister(d, d, m, OutsideItBlock, 1);

    private void AsrRegT1(int d, int m) => ShiftRegister(d, d, m, OutsideItBlock, 2);

    private void AdcRegT1(int d, int m) => AddSub(d, R(d), R(m), c, OutsideItBlock);

    private void SbcRegT1(int d, int m) => AddSub(d, R(d), ~R(m), c, OutsideItBlock);

    private void RorRegT1(int d, int m) => ShiftRegister(d, d, m, OutsideItBlock, 3);

    private void TstRegT1(int n, int m) => SetNZ(R(n) & R(m));

    private void RsbImmT1(int d, int n) => AddSub(d, ~R(n), 0, true, OutsideItBlock);

    private void CmpRegT1(int n, int m) => CompareFlags(R(n), ~R(m), true);

    private void CmnRegT1(int n, int m) => CompareFlags(R(n), R(m), false);

    private void OrrRegT1(int d, int m) => Logical(d, R(d) | R(m), OutsideItBlock, c);

    private void BicRegT1(int d, int m) => Logical(d, R(d) & ~R(m), OutsideItBlock, c);

    private void MvnRegT1(int d, int m) => Logical(d, ~R(m), OutsideItBlock, c);

    // --- 16-bit special data (A5.2.3): high registers, the PC may be the destination ---
    private void AddRegT2(int d, int m) => WriteRegisterOrBranch(d, R(d) + R(m));

    private void CmpRegT2(int n, int m) => CompareFlags(R(n), ~R(m), true);

    private void MovRegT1(int d, int m) => WriteRegisterOrBranch(d, R(m));

    // --- PC- and SP-relative address generation ---
    private void AdrT1(int d, uint imm32) => R(d) = (R(15) & ~3u) + imm32;

    private void AdrT2(int d, uint imm32) => R(d) = (R(15) & ~3u) - imm32;

    private void AdrT3(int d, uint imm32) => R(d) = (R(15) & ~3u) + imm32;

    private void AddSpImmT1(int d, uint imm32) => R(d) = R(13) + imm32;

    private void AddSpImmT2(uint imm32) => R(13) += imm32;

    private void SubSpImmT1(uint imm32) => R(13) -= imm32;

    // --- 32-bit modified immediate (A5.3.1) ---
    private void AndImmT1(int d, int n, bool setflags, uint imm32, uint carry) => Logical(d, R(n) & imm32, setflags, ImmCarry(carry));

    private void TstImmT1(int n, uint imm32, uint carry) => LogicalFlags(R(n) & imm32, ImmCarry(carry));

    private void BicImmT1(int d, int n, bool setflags, uint imm32, uint carry) => Logical(d, R(n) & ~imm32, setflags, ImmCarry(carry));

    private void MovImmT2(int d, bool setflags, uint imm32, uint carry) => Logical(d, imm32, setflags, ImmCarry(carry));

    private void OrrImmT1(int d, int n, bool setflags, uint imm32, uint carry) => Logical(d, R(n) | imm32, setflags, ImmCarry(carry));

    private void MvnImmT1(int d, bool setflags, uint imm32, uint carry) => Logical(d, ~imm32, setflags, ImmCarry(carry));

    private void OrnImmT1(int d, int n, bool setflags, uint imm32, uint carry) => Logical(d, R(n) | ~imm32, setflags, ImmCarry(carry));

    private void TeqImmT1(int n, uint imm32, uint carry) => LogicalFlags(R(n) ^ imm32, ImmCarry(carry));

    private void EorImmT1(int d, int n, bool setflags, uint imm32, uint carry) => Logical(d, R(n) ^ imm32, setflags, ImmCarry(carry));

    private void CmnImmT1(int n, uint imm32) => CompareFlags(R(n), imm32, false);

    private void AddImmT3(int d, int n, bool setflags, uint imm32) => AddSub(d, R(n), imm32, false, setflags);

    private void AdcImmT1(int d, int n, bool setflags, uint imm32) => AddSub(d, R(n), imm32, c, setflags);

    private void SbcImmT1(int d, int n, bool setflags, uint imm32) => AddSub(d, R(n), ~imm32, c, setflags);

    private void CmpImmT2(int n, uint imm32) => CompareFlags(R(n), ~imm32, true);

    private void SubImmT3(int d, int n, bool setflags, uint imm32) => AddSub(d, R(n), ~imm32, true, setflags);

    private void RsbImmT2(int d, int n, bool setflags, uint imm32) => AddSub(d, ~R(n), imm32, true, setflags);

    // --- 32-bit plain binary immediate (A5.3.3) ---
    private void AddImmT4(int d, int n, uint imm32) => R(d) = R(n) + imm32;

    private void SubImmT4(int d, int n, uint imm32) => R(d) = R(n) - imm32;

    private void MovImmT3(int d, uint imm16) => R(d) = imm16;

    private void MovtT1(int d, uint imm16) => R(d) = (R(d) & 0xFFFF) | (imm16 << 16);

    // --- 32-bit shifted register (A5.3.11) ---
    private void AndRegT2(int d, int n, int m, bool setflags, uint shift) => Logical(d, R(n) & Shift(R(m), shift, out bool carry), setflags, carry);

    private void TstRegT2(int n, int m, uint shift) => LogicalFlags(R(n) & Shift(R(m), shift, out bool carry), carry);

    private void BicRegT2(int d, int n, int m, bool setflags, uint shift) => Logical(d, R(n) & ~Shift(R(m), shift, out bool carry), setflags, carry);

    private void MovRegT3(int d, int m, bool setflags) => Logical(d, R(m), setflags, c);

    private void ShiftImmT2(int d, int m, bool setflags, uint shift) => ShiftImmediate(d, m, setflags, shift);

    private void OrrRegT2(int d, int n, int m, bool setflags, uint shift) => Logical(d, R(n) | Shift(R(m), shift, out bool carry), setflags, carry);

    private void MvnRegT2(int d, int m, bool setflags, uint shift) => Logical(d, ~Shift(R(m), shift, out bool carry), setflags, carry);

    private void OrnRegT1(int d, int n, int m, bool setflags, uint shift) => Logical(d, R(n) | ~Shift(R(m), shift, out bool carry), setflags, carry);

    private void TeqRegT1(int n, int m, uint shift) => LogicalFlags(R(n) ^ Shift(R(m), shift, out bool carry), carry);

    private void EorRegT2(int d, int n, int m, bool setflags, uint shift) => Logical(d, R(n) ^ Shift(R(m), shift, out bool carry), setflags, carry);

    private void CmnRegT2(int n, int m, uint shift) => CompareFlags(R(n), Shift(R(m), shift, out _), false);

    private void AddRegT3(int d, int n, int m, bool setflags, uint shift) => AddSub(d, R(n), Shift(R(m), shift, out _), false, setflags);

    private void AdcRegT2(int d, int n, int m, bool setflags, uint shift) => AddSub(d, R(n), Shift(R(m), shift, out _), c, setflags);

    private void SbcRegT2(int d, int n, int m, bool setflags, uint shift) => AddSub(d, R(n), ~Shift(R(m), shift, out _), c, setflags);

    private void CmpRegT3(int n, int m, uint shift) => CompareFlags(R(n), ~Shift(R(m), shift, out _), true);

    private void SubRegT2(int d, int n, int m, bool setflags, uint shift) => AddSub(d, R(n), ~Shift(R(m), shift, out _), true, setflags);

    private void RsbRegT1(int d, int n, int m, bool setflags, uint shift) => AddSub(d, ~R(n), Shift(R(m), shift, out _), true, setflags);

    // --- 32-bit register-controlled shifts (A5.3.12) ---
    private void LslRegT2(int d, int n, int m, bool setflags) => ShiftRegister(d, n, m, setflags, 0);

    private void LsrRegT2(int d, int n, int m, bool setflags) => ShiftRegister(d, n, m, setflags, 1);

    private void AsrRegT2(int d, int n, int m, bool setflags) => ShiftRegister(d, n, m, setflags, 2);

    private void RorRegT2(int d, int n, int m, bool setflags) => ShiftRegister(d, n, m, setflags, 3);

    private void ShiftImmediate(int d, int m, bool setflags, uint shift) => Logical(d, Shift(R(m), shift, out bool carry), setflags, carry);

    private void ShiftRegister(int d, int n, int m, bool setflags, uint type) =>
        Logical(d, ShiftC(R(n), type, (int)(R(m) & 0xFF), c, out bool carry), setflags, carry);

    private void LogicalFlags(uint result, bool carry)
    {
        SetNZ(result);
        c = carry;
    }
}

namespace MicroGen.Verify;

/// <summary>A store a layer had no right to make: the layer, the address, what it hit, and the storing instruction.</summary>
public sealed record MemoryViolation(string Layer, uint Address, int Size, uint Pc, string Hit)
{
    public override string ToString() =>
        $"layer {Layer} wrote {Size} byte(s) at 0x{Address:X8} (PC 0x{Pc:X8}), outside its output and scratch: it hit {Hit}";
}

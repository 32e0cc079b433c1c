namespace MicroGen.Ops;

/// <summary>How an operator's output may share memory with one of its inputs.</summary>
public enum StorageMode
{
    /// <summary>The output gets its own buffer.</summary>
    Separate,

    /// <summary>The output is the input's bytes under another shape (RESHAPE, SQUEEZE): no data moves.</summary>
    Alias,

    /// <summary>The kernel may write the output over the input when the input is not read afterwards.</summary>
    InPlace,

    /// <summary>
    /// The kernel streams pixel by pixel and may write the output into a region overlapping the input: input and
    /// output share max(in, out) bytes, the output starting <see cref="StorageOption.OutputOffsetFromInput"/> bytes
    /// after the input (negative: before).
    /// </summary>
    Overlapped,
}

namespace MicroGen.Diagnostics;

/// <summary>A well-formed model that MicroGen cannot compute: unsupported operator, type or option, inconsistent shapes.</summary>
public sealed class UnsupportedModelException : UserErrorException
{
    public UnsupportedModelException(string message) : base(message) { }
}

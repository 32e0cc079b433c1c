namespace MicroGen.Diagnostics;

/// <summary>A model file that cannot be read: truncated, corrupt, or outside the format's rules.</summary>
public sealed class ModelFormatException : UserErrorException
{
    public ModelFormatException(string message) : base(message) { }
}

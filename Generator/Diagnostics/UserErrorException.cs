namespace MicroGen.Diagnostics;

/// <summary>
/// A problem with what the user gave MicroGen (model, input file, board, options). The CLI prints
/// the message as one line and exits with code 2; it is never shown as a stack trace.
/// </summary>
public class UserErrorException : Exception
{
    public UserErrorException(string message) : base(message) { }

    public UserErrorException(string message, Exception inner) : base(message, inner) { }
}

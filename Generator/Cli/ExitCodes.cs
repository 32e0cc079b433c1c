namespace MicroGen.Cli;

/// <summary>The process exit codes of every verb.</summary>
public static class ExitCodes
{
    public const int Success = 0;

    /// <summary>The check itself failed: outputs differ from the reference, a regression was found.</summary>
    public const int VerificationFailed = 1;

    /// <summary>The user's input is wrong: bad model, bad board, bad option, does not fit.</summary>
    public const int UserError = 2;
}

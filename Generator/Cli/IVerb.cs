using System.CommandLine;

namespace MicroGen.Cli;

/// <summary>One `microgen` verb.</summary>
public interface IVerb
{
    Command Create(CliContext context);
}

using System.CommandLine;
using MicroGen.Diagnostics;

namespace MicroGen.Cli;

/// <summary>
/// The `microgen` command line: builds the verbs, runs one, and turns user errors into one line on
/// stderr with exit code 2 (exit 1 is reserved for verification failures).
/// </summary>
public sealed class MicroGenCli
{
    private readonly TextWriter _out;
    private readonly TextWriter _err;

    public MicroGenCli(TextWriter output, TextWriter error)
    {
        _out = output;
        _err = error;
    }

    public int Run(string[] args)
    {
        var context = new CliContext(_out, _err);
        var root = new RootCommand("MicroGen: int8 neural networks to verified Cortex-M firmware.");
        foreach (var verb in Verbs())
        {
            root.Subcommands.Add(verb.Create(context));
        }
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                _err.WriteLine($"microgen: error: {error.Message}");
            }
            return ExitCodes.UserError;
        }
        try
        {
            return parse.Invoke(new InvocationConfiguration { Output = _out, Error = _err, EnableDefaultExceptionHandler = false });
        }
        catch (UserErrorException e)
        {
            _err.WriteLine($"microgen: error: {e.Message}");
            return ExitCodes.UserError;
        }
    }

    private static IEnumerable<IVerb> Verbs() =>
    [
        new InspectVerb(),
        new InferVerb(),
        new PlanVerb(),
        new BoardsVerb(),
        new GenerateVerb(),
        new BuildVerb(),
        new RunVerb(),
        new SimulateVerb(),
        new BenchVerb(),
        new DemoVerb(),
        new RegressVerb(),
        new ZooVerb(),
    ];
}

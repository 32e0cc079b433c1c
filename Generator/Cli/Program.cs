namespace MicroGen.Cli;

public static class Program
{
    public static int Main(string[] args) => new MicroGenCli(Console.Out, Console.Error).Run(args);
}

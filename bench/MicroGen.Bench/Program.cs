using MicroGen.Bench;

return args.FirstOrDefault() switch
{
    "interpreter" => InterpreterBenchmark.Run(args.Skip(1).ToArray()),
    "planner" => PlannerBenchmark.Run(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: dotnet run -c Release --project bench/MicroGen.Bench -- interpreter|planner [--models DIR]");
    return 2;
}

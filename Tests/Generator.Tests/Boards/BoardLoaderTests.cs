using MicroGen.Boards;
using MicroGen.Diagnostics;

namespace MicroGen.Tests.Boards;

public class BoardLoaderTests
{
    private const string Valid = """
        { "name": "b", "core": "cortex-m4", "fpu": "fpv4-sp", "dsp": true, "clock_hz": 1000,
          "memory": { "flash": [ { "name": "FLASH", "origin": "0x08000000", "size": "1M" } ],
                      "ram": [ { "name": "SRAM", "origin": "0x20000000", "size": "128K" }, { "name": "CCM", "origin": 268435456, "size": 65536 } ] },
          "arena_region": "SRAM", "stack_region": "CCM",
          "console": { "kind": "stm32-usart-f4", "base": "0x40004400" } }
        """;

    [Test]
    public void ParsesSizesAddressesAndRegions()
    {
        var board = BoardLoader.Parse(Valid, "boards/b.json");
        Assert.That(board.Ram[0].Size, Is.EqualTo(128 * 1024));
        Assert.That(board.Ram[1].Origin, Is.EqualTo(0x10000000));
        Assert.That(board.Flash[0].Size, Is.EqualTo(1 << 20));
        Assert.That(board.Console.Base, Is.EqualTo(0x40004400));
        Assert.That(board.Target.Dsp, Is.True);
    }

    [TestCase("\"size\": \"128K\"", "\"size\": \"lots\"", "field 'memory.ram[0].size'")]
    [TestCase("\"core\": \"cortex-m4\"", "\"core\": \"cortex-m9\"", "field 'core': 'cortex-m9' is not one of")]
    [TestCase("\"arena_region\": \"SRAM\"", "\"arena_region\": \"ITCM\"", "field 'arena_region': 'ITCM' is not one of the RAM regions")]
    [TestCase("\"clock_hz\": 1000", "\"clock_hz\": \"fast\"", "field 'clock_hz': must be an integer")]
    [TestCase("\"dsp\": true", "\"dsp\": true, \"flashy\": 1", "field 'flashy': unknown field")]
    [TestCase("\"fpu\": \"fpv4-sp\", \"dsp\": true", "\"fpu\": \"none\", \"dsp\": true, \"x\": 1", "field 'x'")]
    public void ErrorsNameTheFileAndField(string from, string to, string expected)
    {
        var error = Assert.Throws<UserErrorException>(() => BoardLoader.Parse(Valid.Replace(from, to), "boards/b.json"));
        Assert.That(error!.Message, Does.StartWith("boards/b.json: ").And.Contain(expected));
    }

    [Test]
    public void ACortexM3CannotClaimTheDspExtension()
    {
        var text = Valid.Replace("\"cortex-m4\"", "\"cortex-m3\"").Replace("\"fpv4-sp\"", "\"none\"");
        var error = Assert.Throws<UserErrorException>(() => BoardLoader.Parse(text, "boards/b.json"));
        Assert.That(error!.Message, Does.Contain("field 'dsp'"));
    }

    [Test]
    public void BuiltInBoardsLoadAndIncludeTheRequiredOnes()
    {
        var names = BoardCatalog.Load().All.Select(b => b.Name).ToList();
        Assert.That(names, Is.SupersetOf(new[]
        {
            "host", "stm32f746g-disco", "stm32f407g-disc1", "nrf52840dk", "mps2-an385", "mps2-an386", "mps2-an500", "nucleo-l073rz",
        }));
        Assert.That(BoardCatalog.Load().All.Any(b => b.Core == CoreKind.CortexM0Plus), Is.True);
    }

    [Test]
    public void UnknownBoardListsTheKnownOnes()
    {
        var error = Assert.Throws<UserErrorException>(() => BoardCatalog.Load().Get("arduino"));
        Assert.That(error!.Message, Does.Contain("unknown board 'arduino'").And.Contain("mps2-an386"));
    }
}

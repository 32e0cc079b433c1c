using System.Globalization;
using System.Text.Json;
using MicroGen.Diagnostics;

namespace MicroGen.Boards;

/// <summary>
/// Reads and validates a board profile. Every problem is one line naming the file and the field
/// (e.g. "boards/x.json: field 'memory.ram[1].size': ...").
/// </summary>
public static class BoardLoader
{
    private static readonly string[] KnownFields =
        ["$schema", "name", "description", "core", "fpu", "dsp", "clock_hz", "memory", "arena_region", "stack_region",
         "stack_bytes", "console", "semihosting", "qemu_machine", "renode", "ignored_peripherals"];

    public static Board Parse(string json, string source)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            throw new UserErrorException($"{source}: not valid JSON (line {e.LineNumber + 1}): {e.Message.Split('.')[0]}");
        }
        using (document)
        {
            var root = document.RootElement;
            var reader = new FieldReader(source);
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw reader.Error("", "the board profile must be a JSON object");
            }
            foreach (var property in root.EnumerateObject())
            {
                if (!KnownFields.Contains(property.Name))
                {
                    throw reader.Error(property.Name, $"unknown field (known: {string.Join(", ", KnownFields.Skip(1))})");
                }
            }
            var name = reader.String(root, "name");
            var core = reader.Enum(root, "core", new Dictionary<string, CoreKind>
            {
                ["host"] = CoreKind.Host, ["cortex-m0plus"] = CoreKind.CortexM0Plus, ["cortex-m3"] = CoreKind.CortexM3,
                ["cortex-m4"] = CoreKind.CortexM4, ["cortex-m7"] = CoreKind.CortexM7, ["cortex-m33"] = CoreKind.CortexM33,
            });
            var description = reader.OptionalString(root, "description") ?? name;
            if (core == CoreKind.Host)
            {
                return new Board(name, description, core, FpuKind.None, false, reader.OptionalLong(root, "clock_hz") ?? 0, [], [], "", "", 0,
                    new BoardConsole(ConsoleKind.Stdout, 0, 0), false, null, null, null, [], [], source);
            }
            var fpu = reader.Enum(root, "fpu", new Dictionary<string, FpuKind>
            {
                ["none"] = FpuKind.None, ["fpv4-sp"] = FpuKind.Fpv4Sp, ["fpv5-sp"] = FpuKind.Fpv5Sp, ["fpv5-dp"] = FpuKind.Fpv5Dp,
            });
            var dsp = reader.Bool(root, "dsp");
            if (dsp && core is CoreKind.CortexM0Plus or CoreKind.CortexM3)
            {
                throw reader.Error("dsp", $"{core} has no DSP extension");
            }
            if (fpu != FpuKind.None && core is CoreKind.CortexM0Plus or CoreKind.CortexM3)
            {
                throw reader.Error("fpu", $"{core} has no FPU");
            }
            var clock = reader.Long(root, "clock_hz");
            if (clock <= 0)
            {
                throw reader.Error("clock_hz", "must be positive");
            }
            var memory = reader.Object(root, "memory");
            var flash = reader.Regions(memory, "memory.flash", "flash");
            var ram = reader.Regions(memory, "memory.ram", "ram");
            var arena = reader.OptionalString(root, "arena_region") ?? ram.OrderByDescending(r => r.Size).First().Name;
            var stack = reader.OptionalString(root, "stack_region") ?? ram[0].Name;
            foreach (var (field, value) in new[] { ("arena_region", arena), ("stack_region", stack) })
            {
                if (ram.All(r => r.Name != value))
                {
                    throw reader.Error(field, $"'{value}' is not one of the RAM regions ({string.Join(", ", ram.Select(r => r.Name))})");
                }
            }
            var stackBytes = reader.OptionalLong(root, "stack_bytes") ?? 4096;
            var consoleElement = reader.Object(root, "console");
            var console = ReadConsole(reader, consoleElement);
            var defines = new List<KeyValuePair<string, string>>();
            if (consoleElement.TryGetProperty("defines", out var definesElement))
            {
                if (definesElement.ValueKind != JsonValueKind.Object)
                {
                    throw reader.Error("console.defines", "must be an object of C macro names to values");
                }
                foreach (var define in definesElement.EnumerateObject())
                {
                    if (!System.Text.RegularExpressions.Regex.IsMatch(define.Name, "^MG_[A-Z0-9_]+$") || define.Value.ValueKind != JsonValueKind.String)
                    {
                        throw reader.Error($"console.defines.{define.Name}", "names must look like MG_NAME and values must be strings");
                    }
                    defines.Add(new(define.Name, define.Value.GetString()!));
                }
            }
            var semihosting = reader.OptionalBool(root, "semihosting") ?? false;
            if (console.Kind == ConsoleKind.Semihosting && !semihosting)
            {
                throw reader.Error("console.kind", "a semihosting console needs \"semihosting\": true");
            }
            string? renodePlatform = null, renodeUart = null;
            if (root.TryGetProperty("renode", out var renode) && renode.ValueKind != JsonValueKind.Null)
            {
                renodePlatform = reader.String(renode, "platform", "renode.platform");
                renodeUart = reader.String(renode, "uart", "renode.uart");
            }
            var ignored = root.TryGetProperty("ignored_peripherals", out var ig) ? reader.RegionList(ig, "ignored_peripherals") : [];
            return new Board(name, description, core, fpu, dsp, clock, flash, ram, arena, stack, stackBytes, console, semihosting,
                reader.OptionalString(root, "qemu_machine"), renodePlatform, renodeUart, ignored, defines.ToArray(), source);
        }
    }

    private static BoardConsole ReadConsole(FieldReader reader, JsonElement console)
    {
        var kind = reader.Enum(console, "kind", new Dictionary<string, ConsoleKind>
        {
            ["semihosting"] = ConsoleKind.Semihosting, ["stm32-usart-f4"] = ConsoleKind.Stm32UsartF4,
            ["stm32-usart-f7"] = ConsoleKind.Stm32UsartF7, ["cmsdk-uart"] = ConsoleKind.CmsdkUart, ["nrf-uarte"] = ConsoleKind.NrfUarte,
        }, "console.kind");
        var baseAddress = kind == ConsoleKind.Semihosting ? 0 : reader.Address(console, "base", "console.base");
        var baud = (int)(reader.OptionalLong(console, "baud") ?? 115200);
        return new BoardConsole(kind, baseAddress, baud);
    }

    /// <summary>Reads typed fields and produces one-line errors naming the file and field path.</summary>
    private sealed class FieldReader(string source)
    {
        public UserErrorException Error(string field, string message) =>
            new(field.Length == 0 ? $"{source}: {message}" : $"{source}: field '{field}': {message}");

        private JsonElement Get(JsonElement obj, string name, string path)
        {
            if (obj.ValueKind != JsonValueKind.Object || !obj.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            {
                throw Error(path, "is required");
            }
            return value;
        }

        public string String(JsonElement obj, string name, string? path = null)
        {
            var value = Get(obj, name, path ?? name);
            if (value.ValueKind != JsonValueKind.String || value.GetString()!.Length == 0)
            {
                throw Error(path ?? name, "must be a non-empty string");
            }
            return value.GetString()!;
        }

        public string? OptionalString(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? String(obj, name) : null;

        public bool Bool(JsonElement obj, string name)
        {
            var value = Get(obj, name, name);
            return value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                _ => throw Error(name, "must be true or false"),
            };
        }

        public bool? OptionalBool(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Bool(obj, name) : null;

        public long Long(JsonElement obj, string name, string? path = null)
        {
            var value = Get(obj, name, path ?? name);
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n))
            {
                return n;
            }
            throw Error(path ?? name, "must be an integer");
        }

        public long? OptionalLong(JsonElement obj, string name) =>
            obj.TryGetProperty(name, out var v) && v.ValueKind != JsonValueKind.Null ? Long(obj, name) : null;

        public JsonElement Object(JsonElement obj, string name)
        {
            var value = Get(obj, name, name);
            return value.ValueKind == JsonValueKind.Object ? value : throw Error(name, "must be an object");
        }

        public T Enum<T>(JsonElement obj, string name, Dictionary<string, T> values, string? path = null)
        {
            var text = String(obj, name, path);
            return values.TryGetValue(text, out var value)
                ? value
                : throw Error(path ?? name, $"'{text}' is not one of {string.Join(", ", values.Keys)}");
        }

        /// <summary>Sizes and addresses: integers, "0x..." hex strings, or "64K" / "1M" strings.</summary>
        public long Address(JsonElement obj, string name, string path)
        {
            var value = Get(obj, name, path);
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var n) && n >= 0)
            {
                return n;
            }
            if (value.ValueKind == JsonValueKind.String && TryParseSize(value.GetString()!, out var parsed))
            {
                return parsed;
            }
            throw Error(path, "must be a non-negative integer, a hex string like \"0x20000000\", or a size like \"64K\"");
        }

        public MemoryRegion[] Regions(JsonElement memory, string path, string name)
        {
            if (!memory.TryGetProperty(name, out var list) || list.ValueKind != JsonValueKind.Array || list.GetArrayLength() == 0)
            {
                throw Error(path, "must be a non-empty array of regions");
            }
            return RegionList(list, path);
        }

        public MemoryRegion[] RegionList(JsonElement list, string path)
        {
            if (list.ValueKind != JsonValueKind.Array)
            {
                throw Error(path, "must be an array");
            }
            var regions = new List<MemoryRegion>();
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                var at = $"{path}[{i++}]";
                var region = new MemoryRegion(String(item, "name", at + ".name"), Address(item, "origin", at + ".origin"),
                    Address(item, "size", at + ".size"), (int)(item.TryGetProperty("wait_states", out _) ? Long(item, "wait_states", at + ".wait_states") : 0));
                if (region.Size <= 0)
                {
                    throw Error(at + ".size", "must be positive");
                }
                if (regions.Any(r => r.Name == region.Name))
                {
                    throw Error(at + ".name", $"'{region.Name}' is used twice");
                }
                regions.Add(region);
            }
            return regions.ToArray();
        }

        private static bool TryParseSize(string text, out long value)
        {
            text = text.Trim();
            if (text.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            {
                return long.TryParse(text[2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out value) && value >= 0;
            }
            var multiplier = 1L;
            if (text.EndsWith('K') || text.EndsWith('k'))
            {
                multiplier = 1024;
            }
            else if (text.EndsWith('M') || text.EndsWith('m'))
            {
                multiplier = 1024 * 1024;
            }
            var digits = multiplier == 1 ? text : text[..^1];
            if (long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var n))
            {
                value = n * multiplier;
                return true;
            }
            value = 0;
            return false;
        }
    }
}

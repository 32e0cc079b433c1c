using Google.Protobuf;
using Google.Protobuf.Reflection;
using MicroGen.Diagnostics;
using MicroGen.Import;
using MicroGen.Reference;
using OnnxProto = Onnx;

namespace MicroGen.Tests.Import.Onnx;

/// <summary>
/// 2,000 mutants of valid ONNX models (truncated, bit-flipped, byte runs overwritten, protobuf fields set to other
/// values) must each give a one-line user error naming the file, or a model that loads and runs: never another exception.
/// </summary>
public class OnnxFuzzTests
{
    /// <summary>Valid models to mutate, made afresh for each run (protobuf messages are mutable).</summary>
    private static OnnxProto.ModelProto[] SeedModels() =>
    [
        OnnxTestModels.QdqNetwork(40),
        OnnxTestModels.QLinearConv(OnnxModelBuilder.UInt8Element, false, 20),
        OnnxTestModels.FloatGraph("ExportedFlatten", 39),
        OnnxTestModels.QdqLayout("AddConstant"),
        OnnxTestModels.QLinearMatMul(OnnxModelBuilder.UInt8Element, true, 23),
        OnnxTestModels.QdqFloatInterface(43),
        OnnxTestModels.QdqSimple("Softmax", OnnxModelBuilder.Int8Element),
        OnnxTestModels.FloatGraph("ConvBatchNorm", 48),
    ];

    [Test]
    public void TwoThousandMutatedModelsRaiseOnlyUserErrors()
    {
        var seeds = SeedModels();
        var random = new Random(20261128);
        int loaded = 0, rejected = 0, large = 0;
        var byKind = new int[5];
        var unexpected = new List<string>();
        for (var i = 0; i < 2000; i++)
        {
            var seed = seeds[i % seeds.Length];
            var kind = i / seeds.Length % 5;
            var bytes = kind == 4 ? MutateField(seed.Clone(), random).ToByteArray() : Mutate(seed.ToByteArray(), random, kind);
            try
            {
                var graph = ModelLoader.Load(bytes, $"mutant{i}.onnx");
                // A mutated dimension can make a valid but large model (up to the validator's 256 MiB per tensor):
                // those are loaded and validated but not run, to keep the test quick.
                if (graph.Tensors.All(t => t.SizeInBytes <= 1 << 20))
                {
                    new ReferenceInterpreter(graph).Invoke(graph.InputTensors.Select(t => new byte[t.SizeInBytes]).ToArray());
                }
                else
                {
                    large++;
                }
                loaded++;
            }
            catch (UserErrorException e)
            {
                rejected++;
                byKind[kind]++;
                if (e.Message.Contains('\n') || e.Message.Contains('\r') || e.Message.Length == 0 || !e.Message.StartsWith($"mutant{i}.onnx: ", StringComparison.Ordinal))
                {
                    unexpected.Add($"mutant {i}: message is not one line naming the file: {e.Message}");
                }
            }
            catch (Exception e)
            {
                unexpected.Add($"mutant {i} (seed {i % seeds.Length}, mutation {kind}): {e.GetType().Name}: {e.Message}");
            }
        }
        TestContext.Out.WriteLine($"loaded {loaded} (ran {loaded - large}; {large} larger than 1 MiB not run), rejected {rejected} (by mutation: truncation {byKind[0]}, bit flips {byKind[1]}, " +
            $"word overwrite {byKind[2]}, byte run {byKind[3]}, field {byKind[4]}), unexpected {unexpected.Count}");
        Assert.That(unexpected, Is.Empty, string.Join("\n", unexpected.Take(20)));
        Assert.That(loaded + rejected, Is.EqualTo(2000));
        Assert.That(rejected, Is.GreaterThan(1000), "most mutants must be refused");
    }

    private static byte[] Mutate(byte[] bytes, Random random, int kind)
    {
        switch (kind)
        {
            case 0: // truncation
                return bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            case 1: // bit flips
                for (var k = 0; k < 1 + random.Next(8); k++)
                {
                    var at = random.Next(bytes.Length);
                    bytes[at] ^= (byte)(1 << random.Next(8));
                }
                return bytes;
            case 2: // a varint-sized word overwritten (lengths, tags, field values)
                {
                    var at = random.Next(bytes.Length - 4);
                    var value = random.Next(4) switch
                    {
                        0 => random.Next(),
                        1 => -random.Next(1, 64),
                        2 => bytes.Length + random.Next(64),
                        _ => random.Next(256),
                    };
                    BitConverter.GetBytes(value).AsSpan(0, 1 + random.Next(4)).CopyTo(bytes.AsSpan(at));
                    return bytes;
                }
            default: // a byte run overwritten with random bytes
                {
                    var at = random.Next(bytes.Length);
                    var length = Math.Min(bytes.Length - at, 1 + random.Next(16));
                    random.NextBytes(bytes.AsSpan(at, length));
                    return bytes;
                }
        }
    }

    /// <summary>Sets one field somewhere in the model to another value: a number, a name, a list shortened or emptied.</summary>
    private static IMessage MutateField(IMessage model, Random random)
    {
        var messages = new List<IMessage>();
        Collect(model, messages);
        var target = messages[random.Next(messages.Count)];
        var fields = target.Descriptor.Fields.InDeclarationOrder();
        var field = fields[random.Next(fields.Count)];
        var accessor = field.Accessor;
        if (field.IsRepeated)
        {
            var list = (System.Collections.IList)accessor.GetValue(target);
            if (list.Count > 0)
            {
                if (random.Next(2) == 0)
                {
                    list.RemoveAt(random.Next(list.Count));
                }
                else if (field.FieldType != FieldType.Message)
                {
                    list[random.Next(list.Count)] = RandomScalar(field, random, list[0]);
                }
                else
                {
                    list.Clear();
                }
            }
            return model;
        }
        if (field.FieldType == FieldType.Message)
        {
            accessor.Clear(target);
            return model;
        }
        accessor.SetValue(target, RandomScalar(field, random, accessor.GetValue(target)));
        return model;
    }

    private static object RandomScalar(FieldDescriptor field, Random random, object? current)
    {
        long[] interesting = [0, 1, -1, 2, 3, 7, 13, 17, 21, 22, 127, 128, 255, 1 << 20, int.MaxValue, long.MinValue];
        var n = interesting[random.Next(interesting.Length)];
        return field.FieldType switch
        {
            FieldType.Int64 or FieldType.SInt64 or FieldType.SFixed64 => n,
            FieldType.UInt64 or FieldType.Fixed64 => (ulong)n,
            FieldType.Int32 or FieldType.SInt32 or FieldType.SFixed32 => (int)n,
            FieldType.UInt32 or FieldType.Fixed32 => (uint)n,
            FieldType.Float => random.Next(4) switch { 0 => float.NaN, 1 => -1f, 2 => 0f, _ => float.PositiveInfinity },
            FieldType.Double => double.NaN,
            FieldType.Bool => random.Next(2) == 0,
            FieldType.String => random.Next(3) switch { 0 => "", 1 => "x", _ => (current as string ?? "") + "_" },
            FieldType.Bytes => current is ByteString b && b.Length > 0 ? ByteString.CopyFrom(b.Span[..random.Next(b.Length)]) : ByteString.CopyFromUtf8("?"),
            FieldType.Enum => (int)n,
            _ => current!,
        };
    }

    private static void Collect(IMessage message, List<IMessage> into)
    {
        into.Add(message);
        foreach (var field in message.Descriptor.Fields.InDeclarationOrder())
        {
            if (field.FieldType != FieldType.Message)
            {
                continue;
            }
            if (field.IsRepeated)
            {
                foreach (var item in (System.Collections.IList)field.Accessor.GetValue(message))
                {
                    Collect((IMessage)item, into);
                }
            }
            else if (field.Accessor.HasValue(message) && field.Accessor.GetValue(message) is IMessage child)
            {
                Collect(child, into);
            }
        }
    }
}

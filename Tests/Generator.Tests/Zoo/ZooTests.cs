using System.Net;
using MicroGen.Diagnostics;
using MicroGen.Tests.Support;
using MicroGen.Zoo;

namespace MicroGen.Tests.Zoo;

public class ZooTests
{
    /// <summary>Answers every request with fixed bytes (or fails the test when no request was expected).</summary>
    private sealed class FixedHandler(byte[]? body) : HttpMessageHandler
    {
        public int Requests { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            if (body is null)
            {
                throw new HttpRequestException("offline");
            }
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(body) });
        }
    }

    [Test]
    public void TheManifestMatchesTheSharedModels()
    {
        var zoo = ZooManifest.Load();
        Assert.That(zoo.Models.Select(m => m.Name + ".tflite"), Is.EquivalentTo(SharedModels.Names));
        foreach (var model in zoo.Models)
        {
            var bytes = File.ReadAllBytes(SharedModels.PathOf(model.Name + ".tflite"));
            Assert.That(ZooCache.Sha256Of(bytes), Is.EqualTo(model.Sha256), model.Name);
            Assert.That(bytes.Length, Is.EqualTo(model.Bytes), model.Name);
            Assert.That(model.Url, Does.StartWith("https://raw.githubusercontent.com/"));
        }
    }

    [Test]
    public void PullDownloadsChecksAndCachesThenWorksOffline()
    {
        var folder = Directory.CreateTempSubdirectory("microgen-zoo-").FullName;
        try
        {
            var entry = ZooManifest.Load().Get("tflm_hello_world_int8");
            var online = new FixedHandler(File.ReadAllBytes(SharedModels.PathOf("tflm_hello_world_int8.tflite")));
            var (path, downloaded) = new ZooCache(folder, online).Pull(entry);
            Assert.That(downloaded, Is.True);
            Assert.That(ZooCache.Sha256Of(File.ReadAllBytes(path)), Is.EqualTo(entry.Sha256));

            var offline = new FixedHandler(null);
            var again = new ZooCache(folder, offline).Pull(entry);
            Assert.That(again.Downloaded, Is.False);
            Assert.That(offline.Requests, Is.Zero, "a cached file with the right sha256 needs no network");
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    [Test]
    public void ASha256MismatchIsRefusedAndNothingIsKept()
    {
        var folder = Directory.CreateTempSubdirectory("microgen-zoo-").FullName;
        try
        {
            var entry = ZooManifest.Load().Get("tflm_hello_world_int8");
            var tampered = File.ReadAllBytes(SharedModels.PathOf("tflm_hello_world_int8.tflite"));
            tampered[100] ^= 1;
            var error = Assert.Throws<UserErrorException>(() => new ZooCache(folder, new FixedHandler(tampered)).Pull(entry));
            Assert.That(error!.Message, Does.Contain("refused"));
            Assert.That(Directory.GetFiles(folder), Is.Empty);

            File.WriteAllBytes(Path.Combine(folder, "tflm_hello_world_int8.tflite"), tampered);
            var cached = Assert.Throws<UserErrorException>(() => new ZooCache(folder, new FixedHandler(null)).Pull(entry));
            Assert.That(cached!.Message, Does.Contain("cached file has sha256"));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }
}

namespace MicroGen.Tests.Support;

/// <summary>
/// The shared model zoo, read through one setting: MICROGEN_MODELS, defaulting to ../shared/models beside the
/// repository. Its absence fails the tests that need it (it is never a silent skip).
/// </summary>
public static class SharedModels
{
    public static string Directory
    {
        get
        {
            var configured = Environment.GetEnvironmentVariable("MICROGEN_MODELS");
            var path = string.IsNullOrEmpty(configured) ? Path.Combine(RepositoryRoot, "..", "shared", "models") : configured;
            path = Path.GetFullPath(path);
            if (!System.IO.Directory.Exists(path))
            {
                Assert.Fail($"the shared models folder {path} does not exist; set MICROGEN_MODELS to the folder holding the .tflite models");
            }
            return path;
        }
    }

    /// <summary>The 13 shared models, by file name, for [TestCaseSource].</summary>
    public static IEnumerable<string> Names =>
    [
        "arm_mlexamples_ds_cnn_s_quantized.tflite",
        "mcunet_320kb_1mb_imagenet.tflite",
        "mlperf_tiny_ad01_int8.tflite",
        "mlperf_tiny_kws_ref_model.tflite",
        "mlperf_tiny_pretrainedResnet_quant.tflite",
        "mlperf_tiny_str_ww_ref_model.tflite",
        "mlperf_tiny_vww_96_int8.tflite",
        "tflm_hello_world_int8.tflite",
        "tflm_micro_speech_quantized.tflite",
        "tflm_person_detect.tflite",
        "tflm_simple_add_model.tflite",
        "tflm_trained_lstm_int8.tflite",
        "tinyengine_vww.tflite",
    ];

    public static string PathOf(string name)
    {
        var path = Path.Combine(Directory, name);
        if (!File.Exists(path))
        {
            Assert.Fail($"shared model {path} is missing");
        }
        return path;
    }

    public static string RepositoryRoot
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "MicroGen.sln")))
            {
                dir = dir.Parent;
            }
            return dir?.FullName ?? throw new InvalidOperationException("MicroGen.sln not found above " + AppContext.BaseDirectory);
        }
    }
}

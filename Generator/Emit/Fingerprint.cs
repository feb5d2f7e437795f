using System.Globalization;
using System.Text;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The architecture's canonical description and its hash. Everything that gives the parameters
/// their meaning is in it (input width, every layer's width, activation and α); training settings
/// are not, since they do not change what the parameters compute. Model files store the hash and
/// refuse parameters of another architecture.
/// </summary>
internal static class Fingerprint
{
    /// <summary>e.g. "4 > Dense(16, Tanh) > Dense(3, Softmax)".</summary>
    public static string Describe(NetworkSpec spec)
    {
        var text = new StringBuilder();
        text.Append(spec.Inputs.ToString(CultureInfo.InvariantCulture));
        foreach (LayerSpec layer in spec.Layers)
        {
            text.Append(" > Dense(").Append(layer.Units.ToString(CultureInfo.InvariantCulture)).Append(", ").Append(Catalog.Activations.ActivationCatalog.DisplayName(layer));
            if (Catalog.Activations.ActivationCatalog.Of(layer).Alpha is not null)
            {
                text.Append(", Alpha=").Append(layer.Alpha.ToString("R", CultureInfo.InvariantCulture));
            }

            text.Append(')');
        }

        return text.ToString();
    }

    /// <summary>64-bit FNV-1a over the UTF-8 bytes: simple, stable across platforms and versions.</summary>
    public static ulong Hash(string text)
    {
        ulong hash = 14695981039346656037UL;
        foreach (byte b in Encoding.UTF8.GetBytes(text))
        {
            hash ^= b;
            hash *= 1099511628211UL;
        }

        return hash;
    }
}

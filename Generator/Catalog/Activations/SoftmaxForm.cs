using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Activations;

/// <summary>
/// What Softmax and LogSoftmax share: the forward over the whole layer, shifted by max z so that no
/// exponential overflows. Their derivative only ever appears fused into the loss gradient or as the
/// Jacobian-vector product of the output layer.
/// </summary>
internal abstract class SoftmaxForm : ActivationDefinition
{
    /// <summary>Whether this is log softmax.</summary>
    protected abstract bool Log { get; }

    public override string Forward(string z, string alpha) => z;

    public override string? Derivative(string z, string a, string alpha) => null;

    public override bool CouplesLayer => true;

    public override string? VectorForward(LayerSpec layer) => $"{Kernels}.{Kind}(z, a, rows, {Literals.Int(layer.Units)});";

    public override void EmitCoupledForward(SourceWriter w, int units, bool unrolled)
    {
        w.WriteLine(Log
            ? "// a = log softmax(z) = z − max z − ln Σ e^(z − max z)"
            : "// a = softmax(z) = e^(z − max z) / Σ e^(z − max z)");
        if (unrolled)
        {
            EmitUnrolled(w, units);
            return;
        }

        string n = Literals.Int(units);
        w.WriteLine("float max = z[0];");
        w.WriteLine($"for (int k = 1; k < {n}; k++) max = global::System.MathF.Max(max, z[k]);");
        w.WriteLine("float sum = 0f;");
        if (Log)
        {
            w.WriteLine($"for (int k = 0; k < {n}; k++) sum += global::System.MathF.Exp(z[k] - max);");
            w.WriteLine("float shift = max + global::System.MathF.Log(sum);");
            w.WriteLine($"for (int k = 0; k < {n}; k++) a[k] = z[k] - shift;");
            return;
        }

        w.WriteLine($"for (int k = 0; k < {n}; k++) {{ float e = global::System.MathF.Exp(z[k] - max); a[k] = e; sum += e; }}");
        w.WriteLine("float inverse = 1f / sum;");
        w.WriteLine($"for (int k = 0; k < {n}; k++) a[k] *= inverse;");
    }

    private void EmitUnrolled(SourceWriter w, int units)
    {
        w.WriteLine("float max = z0;");
        for (int k = 1; k < units; k++)
        {
            w.WriteLine($"max = global::System.MathF.Max(max, z{k});");
        }

        for (int k = 0; k < units; k++)
        {
            w.WriteLine($"float e{k} = global::System.MathF.Exp(z{k} - max);");
        }

        var terms = new List<string>();
        for (int k = 0; k < units; k++)
        {
            terms.Add($"e{k}");
        }

        if (Log)
        {
            w.WriteLine($"float shift = max + global::System.MathF.Log({string.Join(" + ", terms)});");
            for (int k = 0; k < units; k++)
            {
                w.WriteLine($"a[{k}] = z{k} - shift;");
            }

            return;
        }

        w.WriteLine($"float inverse = 1f / ({string.Join(" + ", terms)});");
        for (int k = 0; k < units; k++)
        {
            w.WriteLine($"a[{k}] = e{k} * inverse;");
        }
    }
}

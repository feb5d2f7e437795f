using System.Collections.Generic;
using System.Linq;
using NetGen.Generator.Catalog.Optimizers;
using NetGen.Generator.Model;

namespace NetGen.Generator.Emit;

/// <summary>
/// The run-time hyperparameters of a trained network: a field and a checked public property for each
/// hyperparameter its optimizer reads besides the learning rate (which <see cref="NetworkEmitter"/>
/// writes), the gradient-clipping thresholds ClipNorm and ClipValue, the by-name access of
/// <c>ITrainableNetwork</c> (HyperparameterNames, GetHyperparameter, SetHyperparameter), and the
/// clipping call at the start of ApplyGradients. The setters check with the same rule the parser
/// applies to the [Training] value (<c>Runtime/CompilerServices/HyperparameterRange.cs</c>).
/// </summary>
internal static class HyperparameterEmitter
{
    private const string ClipNormField = "__clipNorm";
    private const string ClipValueField = "__clipValue";
    private const string NamesField = "__hyperparameterNames";
    private const string CompilerServices = "global::NetGen.CompilerServices";

    /// <summary>The optimizer's hyperparameters that get a property here: all but the learning rate.</summary>
    private static IEnumerable<HyperparameterDefault> RunTime(TrainingSpec training) =>
        OptimizerCatalog.Get(training.Optimizer).Hyperparameters.Where(h => h.Parameter != Hyperparameter.LearningRate);

    /// <summary>Every name of HyperparameterNames, in order: the learning rate, the optimizer's, the clipping thresholds.</summary>
    private static IEnumerable<string> Names(TrainingSpec training) =>
        new[] { Hyperparameter.LearningRate.Name }.Concat(RunTime(training).Select(h => h.Parameter.Name)).Concat(new[] { "ClipNorm", "ClipValue" });

    /// <summary>The fields, each starting at the declared value (or the optimizer's default).</summary>
    public static void EmitFields(SourceWriter w, TrainingSpec training)
    {
        w.WriteLine("// The run-time hyperparameters (the properties of the same names), starting at the declared values; NaN turns clipping off.");
        foreach (HyperparameterDefault entry in RunTime(training))
        {
            w.WriteLine($"private float {entry.Parameter.Field} = {Literals.Float(entry.Parameter.Value(training))};");
        }

        w.WriteLine($"private float {ClipNormField} = {Literals.Float(training.ClipNorm)}, {ClipValueField} = {Literals.Float(training.ClipValue)};");
        w.WriteLine($"private static readonly global::System.Collections.Generic.IReadOnlyList<string> {NamesField} = new global::System.Collections.ObjectModel.ReadOnlyCollection<string>(new[] {{ {string.Join(", ", Names(training).Select(n => "\"" + n + "\""))} }});");
    }

    /// <summary>The properties and the by-name members.</summary>
    public static void EmitProperties(SourceWriter w, TrainingSpec training, string generatedCode)
    {
        OptimizerDefinition optimizer = OptimizerCatalog.Get(training.Optimizer);
        foreach (HyperparameterDefault entry in RunTime(training))
        {
            Hyperparameter h = entry.Parameter;
            float value = h.Value(training);
            string range = HyperparameterRanges.Describe(h.Range);
            string start = value == entry.Default ? $"{Literals.Short(value)} (the [Training] value, or {training.Optimizer}'s default)" : $"{Literals.Short(value)} (the [Training] value)";
            w.WriteLine();
            string outside = h.Range switch
            {
                HyperparameterRange.Positive => "zero or negative",
                HyperparameterRange.NonNegative => "negative",
                _ => "outside [0, 1)",
            };
            w.WriteLine($"/// <summary>{training.Optimizer}'s {h.Meaning}; starts at {start}. Finite and {range}; the next <see cref=\"ApplyGradients\"/> uses the value set.</summary>");
            w.WriteLine($"/// <remarks>{Remark(optimizer, h)}</remarks>");
            w.WriteLine($"/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is NaN, infinite or {outside}; {h.Name} is unchanged.</exception>");
            w.WriteLine(generatedCode);
            w.WriteLine($"public float {h.Name} {{ get => {h.Field}; set => {h.Field} = {CompilerServices}.ThrowHelper.CheckHyperparameter(value, {CompilerServices}.HyperparameterRange.{h.Range}, \"{h.Name}\"); }}");
        }

        w.WriteLine();
        w.WriteLine($"/// <summary>Gradient clipping by global norm: before each optimizer step, g ← g·min(1, c/‖g‖₂) over all ParameterCount gradients; NaN (the default{Declared(training.ClipNorm)}) is off. Finite and positive, or NaN.</summary>");
        w.WriteLine("/// <remarks>Applied in <see cref=\"ApplyGradients\"/> to <see cref=\"Gradients\"/> in place, after ClipValue and before weight decay; the norm is summed in double in a fixed order (the same bits at every vector width and Threads setting).</remarks>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is infinite, zero or negative; ClipNorm is unchanged.</exception>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public float ClipNorm {{ get => {ClipNormField}; set => {ClipNormField} = {CompilerServices}.ThrowHelper.CheckClipThreshold(value, \"ClipNorm\"); }}");
        w.WriteLine();
        w.WriteLine($"/// <summary>Gradient clipping by value: before each optimizer step, every gradient is clamped to [−c, c]; NaN (the default{Declared(training.ClipValue)}) is off. Finite and positive, or NaN.</summary>");
        w.WriteLine("/// <remarks>Applied in <see cref=\"ApplyGradients\"/> to <see cref=\"Gradients\"/> in place, before ClipNorm and before weight decay.</remarks>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentOutOfRangeException\">The value is infinite, zero or negative; ClipValue is unchanged.</exception>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public float ClipValue {{ get => {ClipValueField}; set => {ClipValueField} = {CompilerServices}.ThrowHelper.CheckClipThreshold(value, \"ClipValue\"); }}");

        string[] names = Names(training).ToArray();
        w.WriteLine();
        w.WriteLine($"/// <summary>The hyperparameters that can be changed at run time, by name: {string.Join(", ", names)}.</summary>");
        w.WriteLine(generatedCode);
        w.WriteLine($"public global::System.Collections.Generic.IReadOnlyList<string> HyperparameterNames => {NamesField};");
        w.WriteLine();
        w.WriteLine("/// <summary>The current value of the run-time hyperparameter <paramref name=\"name\"/>, one of <see cref=\"HyperparameterNames\"/>.</summary>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"name\"/> is not one of <see cref=\"HyperparameterNames\"/>.</exception>");
        w.WriteLine(generatedCode);
        w.WriteLine("public float GetHyperparameter(string name) => name switch");
        w.WriteLine("{");
        w.Indent();
        foreach (string name in names)
        {
            w.WriteLine($"\"{name}\" => {name},");
        }

        w.WriteLine($"_ => throw {CompilerServices}.ThrowHelper.UnknownHyperparameter(name, {NamesField}),");
        w.Unindent();
        w.WriteLine("};");
        w.WriteLine();
        w.WriteLine("/// <summary>Sets the run-time hyperparameter <paramref name=\"name\"/> through its property (and its check).</summary>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentException\"><paramref name=\"name\"/> is not one of <see cref=\"HyperparameterNames\"/>.</exception>");
        w.WriteLine("/// <exception cref=\"global::System.ArgumentOutOfRangeException\"><paramref name=\"value\"/> is outside the hyperparameter's range; nothing changes.</exception>");
        w.WriteLine(generatedCode);
        using (w.Block("public void SetHyperparameter(string name, float value)"))
        {
            using (w.Block("switch (name)"))
            {
                foreach (string name in names)
                {
                    w.WriteLine($"case \"{name}\": {name} = value; break;");
                }

                w.WriteLine($"default: throw {CompilerServices}.ThrowHelper.UnknownHyperparameter(name, {NamesField});");
            }
        }
    }

    /// <summary>The clipping at the start of ApplyGradients: one predictable branch while both thresholds are NaN.</summary>
    public static void EmitClipping(SourceWriter w, string gradients)
    {
        w.WriteLine("// Gradient clipping (ClipValue, then ClipNorm) in place; off while both are NaN.");
        using (w.Block($"if (!float.IsNaN({ClipValueField}) || !float.IsNaN({ClipNormField}))"))
        {
            w.WriteLine($"{CompilerServices}.GradientClipping.Clip({gradients}, {ClipValueField}, {ClipNormField});");
        }
    }

    private static string Declared(float value) => float.IsNaN(value) ? string.Empty : $" unless [Training] sets it: here {Literals.Short(value)}";

    /// <summary>What a change between steps does to the optimizer's state.</summary>
    private static string Remark(OptimizerDefinition optimizer, Hyperparameter h)
    {
        bool inCorrection = optimizer.StepValues.Any(v => v.Expression(p => p.Field).Contains(h.Field));
        if (inCorrection)
        {
            return $"A change keeps the optimizer's state ({string.Join(", ", optimizer.State)}); the per-step factors ({string.Join(", ", optimizer.StepValues.Where(v => v.Expression(p => p.Field).Contains(h.Field)).Select(v => v.Meaning))}) are computed from the current value and the total <see cref=\"Step\"/> t, as PyTorch and Keras do when a β changes between steps.";
        }

        if (h == Hyperparameter.WeightDecay)
        {
            return optimizer.DecoupledWeightDecay
                ? "Decoupled: θ ← θ·(1 − α·λ) in the update, not added to the gradient; 0 turns it off."
                : "Added to the gradient as g + λ·θ (L2 regularisation) before the update, after clipping; 0 turns it off.";
        }

        return optimizer.State.Count > 0
            ? $"A change keeps the optimizer's state ({string.Join(", ", optimizer.State)}) and applies from the next step."
            : "A change applies from the next step.";
    }
}

using System;
using System.Collections.Generic;
using NetGen.Generator.Emit;
using NetGen.Generator.Model;

namespace NetGen.Generator.Catalog.Optimizers;

/// <summary>
/// Everything the compiler knows about one optimizer, in one type (one file per optimizer in this
/// folder, listed in <see cref="OptimizerCatalog"/>): its formula, its state buffers, the
/// [Training] hyperparameters it reads with its defaults, and its update, written once as the body
/// of <c>NetGen.CompilerServices.IPreparedOptimizerRule.Update</c> over <c>ISimd&lt;TVector&gt;</c>. The
/// generator emits that body into a struct in each network's kernels class, and the runtime's
/// <c>OptimizerKernels.Apply</c> runs it over whole vectors and then, with <c>SimdScalar</c>, the tail.
/// </summary>
/// <remarks>
/// The update body sees <c>theta</c> (θ) and <c>g</c> (the gradient as computed, before any weight
/// decay), the state buffers by the names in <see cref="State"/> (ref, updated in place), and the
/// entries of <see cref="Hyperparameters"/> and <see cref="StepValues"/> by their names, each read as
/// <c>TSimd.Broadcast(expression)</c> (<c>TSimd.Broadcast(1f - Beta1)</c>): the emitter turns every
/// distinct broadcast into a vector prepared once per call (<see cref="PrepareVectors"/>). It returns the new θ.
/// </remarks>
internal abstract class OptimizerDefinition
{
    /// <summary>The enum member.</summary>
    public abstract Optimizer Kind { get; }

    /// <summary>The update in math notation, for generated comments and docs.</summary>
    public abstract string Formula { get; }

    /// <summary>The state buffers (one float per parameter each, zero at the start), at most two.</summary>
    public virtual IReadOnlyList<string> State => Array.Empty<string>();

    /// <summary>The [Training] hyperparameters the update reads, each with this optimizer's default.</summary>
    public abstract IReadOnlyList<HyperparameterDefault> Hyperparameters { get; }

    /// <summary>Whether λ is applied to θ directly rather than added to g (for the generated summary).</summary>
    public virtual bool DecoupledWeightDecay => false;

    /// <summary>Values computed once per step in double (from <c>step</c>, t counted from 1), such as bias corrections.</summary>
    public virtual IReadOnlyList<StepValue> StepValues => Array.Empty<StepValue>();

    /// <summary>The body of the update over <c>TSimd</c>, one statement a line; see the remarks.</summary>
    public abstract string Update { get; }

    /// <summary>The name of the emitted rule struct in a network's kernels class.</summary>
    public const string RuleName = "OptimizerRule";

    /// <summary>
    /// Writes the rule: a struct implementing <c>IOptimizerRule</c> whose fields are the
    /// hyperparameters and per-step values, and, nested in it, the rule prepared for one vector width:
    /// every <c>TSimd.Broadcast(…)</c> of <see cref="Update"/> becomes a vector field, broadcast once
    /// per <c>OptimizerKernels.Apply</c> call by <c>Prepare</c>, and the update reads the field instead
    /// (the same value, so the same bits; the JIT does not hoist every broadcast out of the loop).
    /// </summary>
    public void EmitRule(SourceWriter w, string generatedCode)
    {
        const string Simd = "global::NetGen.CompilerServices";
        (string body, IReadOnlyList<PreparedVector> vectors) = PrepareVectors(Update);
        w.WriteLine($"/// <summary>{Kind}: {Formula}. One update for the vector loop and the scalar tail of NetGen.CompilerServices.OptimizerKernels.Apply.</summary>");
        w.WriteLine(generatedCode);
        using (w.Block($"public readonly struct {RuleName} : {Simd}.IOptimizerRule"))
        {
            w.WriteLine($"public static int StateBuffers => {State.Count};{(State.Count > 0 ? $" // {string.Join(", ", State)}" : string.Empty)}");
            foreach (HyperparameterDefault entry in Hyperparameters)
            {
                w.WriteLine($"public float {entry.Parameter.Name} {{ get; init; }} // {entry.Parameter.Symbol}");
            }

            foreach (StepValue value in StepValues)
            {
                w.WriteLine($"public float {value.Name} {{ get; init; }} // {value.Meaning}");
            }

            w.WriteLine();
            w.WriteLine("/// <summary>Broadcasts this step's hyperparameters to TVector once and runs the driver's loop with them.</summary>");
            w.WriteLine($"public void Prepare<TSimd, TVector, TLoop>(ref TLoop loop)");
            w.Indent();
            w.WriteLine($"where TSimd : {Simd}.ISimd<TVector>");
            w.WriteLine("where TVector : struct");
            w.WriteLine($"where TLoop : {Simd}.IOptimizerLoop, allows ref struct");
            w.Unindent();
            w.WriteLine("{");
            w.Indent();
            {
                w.WriteLine($"loop.Run<TSimd, TVector, {PreparedName}<TSimd, TVector>>(new {PreparedName}<TSimd, TVector>");
                w.WriteLine("{");
                w.Indent();
                foreach (PreparedVector vector in vectors)
                {
                    w.WriteLine($"{vector.Name} = TSimd.Broadcast({vector.Expression}),");
                }

                w.Unindent();
                w.WriteLine("});");
            }

            w.Unindent();
            w.WriteLine("}");

            string first = State.Count > 0 ? State[0] : "unused1";
            string second = State.Count > 1 ? State[1] : "unused2";
            w.WriteLine();
            w.WriteLine("/// <summary>The update at one vector width, its hyperparameters broadcast by Prepare.</summary>");
            w.WriteLine($"public readonly struct {PreparedName}<TSimd, TVector> : {Simd}.IPreparedOptimizerRule<TVector>");
            w.Indent();
            w.WriteLine($"where TSimd : {Simd}.ISimd<TVector>");
            w.WriteLine("where TVector : struct");
            w.Unindent();
            w.WriteLine("{");
            w.Indent();
            {
                foreach (PreparedVector vector in vectors)
                {
                    w.WriteLine($"public TVector {vector.Name} {{ get; init; }}{(vector.Expression == vector.Name ? string.Empty : " // " + vector.Expression)}");
                }

                w.WriteLine();
                w.WriteLine("[global::System.Runtime.CompilerServices.MethodImpl(global::System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]");
                w.WriteLine($"public TVector Update(TVector theta, TVector g, ref TVector {first}, ref TVector {second})");
                w.WriteLine("{");
                w.Indent();
                w.WriteLines(body);
                w.Unindent();
                w.WriteLine("}");
            }

            w.Unindent();
            w.WriteLine("}");
        }
    }

    /// <summary>The name of the rule prepared for one width, nested in <see cref="RuleName"/>.</summary>
    public const string PreparedName = "Prepared";

    /// <summary>
    /// Replaces every <c>TSimd.Broadcast(expression)</c> of <paramref name="update"/> by a vector named
    /// after its expression (one per distinct expression, in order of first use).
    /// </summary>
    internal static (string Body, IReadOnlyList<PreparedVector> Vectors) PrepareVectors(string update)
    {
        const string Call = "TSimd.Broadcast(";
        var vectors = new List<PreparedVector>();
        var body = new System.Text.StringBuilder();
        int at = 0;
        for (int start; (start = update.IndexOf(Call, at, StringComparison.Ordinal)) >= 0;)
        {
            int open = start + Call.Length, depth = 1, end = open;
            for (; end < update.Length && depth > 0; end++)
            {
                depth += update[end] == '(' ? 1 : update[end] == ')' ? -1 : 0;
            }

            string expression = update.Substring(open, end - 1 - open).Trim();
            PreparedVector? vector = vectors.Find(v => v.Expression == expression);
            if (vector is null)
            {
                vector = new PreparedVector(NameOf(expression, vectors.Count), expression);
                vectors.Add(vector);
            }

            body.Append(update, at, start - at).Append(vector.Name);
            at = end;
        }

        body.Append(update, at, update.Length - at);
        return (body.ToString(), vectors);
    }

    /// <summary>A vector's name from its expression: "1f - Beta1" is OneMinusBeta1; anything else unusual is Vector{index}.</summary>
    private static string NameOf(string expression, int index)
    {
        var name = new System.Text.StringBuilder();
        foreach (string token in expression.Split(new[] { ' ' }, StringSplitOptions.RemoveEmptyEntries))
        {
            string? word = token switch
            {
                "1f" => "One",
                "-" => "Minus",
                "+" => "Plus",
                "*" => "Times",
                "/" => "Over",
                _ => IsName(token) ? token : null,
            };
            if (word is null)
            {
                return "Vector" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            name.Append(word);
        }

        return name.Length > 0 ? name.ToString() : "Vector" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Writes the body of ApplyGradients after p, gradients, learningRate and step: one call of the
    /// runtime driver, with every hyperparameter read from its field (<see cref="Hyperparameter.Field"/>),
    /// so a value set at run time applies from the next step.
    /// </summary>
    public void EmitApply(SourceWriter w, string rule, string state)
    {
        if (StepValues.Count == 0)
        {
            w.WriteLine("_ = step;");
        }

        w.WriteLine($"// {Kind}: {Formula}; the rule runs over whole vectors, then the tail.");
        w.WriteLine($"global::NetGen.CompilerServices.OptimizerKernels.Apply(p, gradients, {(State.Count > 0 ? state : "default")}, new {rule}");
        w.WriteLine("{");
        w.Indent();
        {
            foreach (HyperparameterDefault entry in Hyperparameters)
            {
                w.WriteLine(entry.Parameter == Hyperparameter.LearningRate
                    ? "LearningRate = learningRate,"
                    : $"{entry.Parameter.Name} = {entry.Parameter.Field},");
            }

            foreach (StepValue value in StepValues)
            {
                w.WriteLine($"{value.Name} = {value.Expression(h => h.Field)}, // {value.Meaning}");
            }
        }

        w.Unindent();
        w.WriteLine("});");
    }

    private static bool IsName(string token)
    {
        if (token.Length == 0 || !char.IsUpper(token[0]))
        {
            return false;
        }

        foreach (char c in token)
        {
            if (!char.IsLetterOrDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Whether the update reads <paramref name="hyperparameter"/>.</summary>
    public bool Uses(Hyperparameter hyperparameter) => DefaultOf(hyperparameter) is not null;

    /// <summary>This optimizer's default for <paramref name="hyperparameter"/>, or null if it does not read it.</summary>
    public float? DefaultOf(Hyperparameter hyperparameter)
    {
        foreach (HyperparameterDefault entry in Hyperparameters)
        {
            if (entry.Parameter == hyperparameter)
            {
                return entry.Default;
            }
        }

        return null;
    }

    /// <summary>Shorthand for an entry of <see cref="Hyperparameters"/>.</summary>
    protected static HyperparameterDefault Use(Hyperparameter parameter, float defaultValue) => new(parameter, defaultValue);

    /// <summary>A float literal for generated code.</summary>
    protected static string F(float value) => Emit.Literals.Float(value);
}

/// <summary>A hyperparameter an optimizer reads, with its default for that optimizer.</summary>
internal sealed record HyperparameterDefault(Hyperparameter Parameter, float Default);

/// <summary>A per-step value of the rule, computed in ApplyGradients.</summary>
/// <param name="Name">The rule's field.</param>
/// <param name="Meaning">Its formula, for the comment.</param>
/// <param name="Expression">
/// The C# expression (float) from <c>step</c> and the hyperparameters' current values, given the
/// expression that reads each (its field in the generated class): recomputed every step, so a β
/// changed at run time is in the next step's bias correction.
/// </param>
internal sealed record StepValue(string Name, string Meaning, Func<Func<Hyperparameter, string>, string> Expression);

/// <summary>
/// A float of [Training] that an optimizer may read: its property name (also the rule's field),
/// symbol, range, and its value in a <see cref="TrainingSpec"/>.
/// </summary>
internal sealed class Hyperparameter
{
    public static readonly Hyperparameter LearningRate = new("LearningRate", "α", HyperparameterRange.Positive, 0.01f, t => t.LearningRate, "learning rate α");
    public static readonly Hyperparameter Momentum = new("Momentum", "η", HyperparameterRange.UnitOpen, 0.9f, t => t.Momentum, "momentum η, the fraction of the velocity kept each step");
    public static readonly Hyperparameter Rho = new("Rho", "ρ", HyperparameterRange.UnitOpen, 0.9f, t => t.Rho, "decay ρ of the running averages");
    public static readonly Hyperparameter Beta1 = new("Beta1", "β₁", HyperparameterRange.UnitOpen, 0.9f, t => t.Beta1, "first decay β₁ (of the first moment)");
    public static readonly Hyperparameter Beta2 = new("Beta2", "β₂", HyperparameterRange.UnitOpen, 0.999f, t => t.Beta2, "second decay β₂");
    public static readonly Hyperparameter Epsilon = new("Epsilon", "ε", HyperparameterRange.Positive, 1e-8f, t => t.Epsilon, "ε, which keeps the update from dividing by zero");
    public static readonly Hyperparameter WeightDecay = new("WeightDecay", "λ", HyperparameterRange.NonNegative, 0f, t => t.WeightDecay, "weight decay λ");

    /// <summary>Every optimizer hyperparameter of [Training], in declaration order.</summary>
    public static readonly IReadOnlyList<Hyperparameter> All = new[] { LearningRate, Momentum, Rho, Beta1, Beta2, Epsilon, WeightDecay };

    private Hyperparameter(string name, string symbol, HyperparameterRange range, float unused, Func<TrainingSpec, float> value, string meaning)
    {
        Meaning = meaning;
        Name = name;
        Symbol = symbol;
        Range = range;
        Unused = unused;
        Value = value;
    }

    /// <summary>The [Training] property and the rule's field.</summary>
    public string Name { get; }

    /// <summary>What it is, for generated docs after the optimizer's name ("Momentum's momentum η, …").</summary>
    public string Meaning { get; }

    /// <summary>The math symbol.</summary>
    public string Symbol { get; }

    /// <summary>The valid values.</summary>
    public HyperparameterRange Range { get; }

    /// <summary>The value kept in the model when the optimizer does not read it (never used by an update).</summary>
    public float Unused { get; }

    /// <summary>Its value in a resolved training spec.</summary>
    public Func<TrainingSpec, float> Value { get; }

    /// <summary>The generated class's field holding the current value ("__beta1"); the public property is <see cref="Name"/>.</summary>
    public string Field => "__" + char.ToLowerInvariant(Name[0]) + Name.Substring(1);
}

/// <summary>A hyperparameter vector of a prepared rule: its field name and the float expression it broadcasts.</summary>
internal sealed record PreparedVector(string Name, string Expression);

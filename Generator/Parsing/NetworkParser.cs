using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Catalog.Optimizers;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Turns the symbols of one [Network] class into a <see cref="NetworkSpec"/> plus diagnostics. This
/// is the only place that sees Roslyn symbols; everything after it works on the plain model.
/// </summary>
internal static class NetworkParser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";
    public const string DenseAttributeName = "NetGen.DenseAttribute";
    public const string TrainingAttributeName = "NetGen.TrainingAttribute";

    /// <summary>With CodeGen.Auto, layers with at most this many weights are fully unrolled; larger ones use loops.</summary>
    public const int UnrollLimit = 256;

    /// <summary>
    /// The most weights a layer may have when CodeGen.Unrolled is requested: past this the unrolled
    /// backward method grows beyond what the JIT optimises (it falls back to MinOpts).
    /// </summary>
    public const int MaxUnrolledWeights = 1024;

    /// <summary>The largest parameter count a network may have (the flat buffers are float arrays).</summary>
    public const long MaxParameters = 1L << 28;

    /// <summary>The minibatch size when [Training] does not set one.</summary>
    public const int DefaultBatchSize = 32;

    public static ParseResult Parse(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        try
        {
            return new Parser(context, cancellationToken).Run();
        }
        catch (OperationCanceledException)
        {
            throw;
        }
        catch (Exception ex)
        {
            // The generator must never break a build with an exception (CS8785); report it instead.
            Location location = context.TargetNode is ClassDeclarationSyntax declaration
                ? declaration.Identifier.GetLocation()
                : context.TargetNode.GetLocation();
            return new ParseResult(
                null,
                new[] { DiagnosticInfo.Create(DiagnosticDescriptors.InternalError, location, context.TargetSymbol.Name, ex.GetType().Name + ": " + ex.Message) }
                    .ToEquatableArray());
        }
    }

    private sealed class Parser
    {
        private readonly GeneratorAttributeSyntaxContext _context;
        private readonly CancellationToken _cancellationToken;
        private readonly List<DiagnosticInfo> _diagnostics = new();
        private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);
        private bool _hasErrors;

        public Parser(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            _context = context;
            _cancellationToken = cancellationToken;
        }

        public ParseResult Run()
        {
            NetworkSpec? spec = ParseNetwork();
            return new ParseResult(_hasErrors ? null : spec, _diagnostics.ToEquatableArray());
        }

        private NetworkSpec? ParseNetwork()
        {
            if (_context.TargetSymbol is not INamedTypeSymbol type || _context.TargetNode is not TypeDeclarationSyntax typeDeclaration)
            {
                return null;
            }

            if (typeDeclaration is not ClassDeclarationSyntax declaration)
            {
                Report(DiagnosticDescriptors.UnsupportedContainingType, typeDeclaration.Identifier.GetLocation(), type.Name, $"a network must be a class, not {KindOf(typeDeclaration)}; declare it 'partial class'");
                return null;
            }

            if (declaration.Identifier.IsMissing || ContainingTypes.HasMissingName(type))
            {
                return null; // Mid-edit: a class or namespace with no name yet ("namespace\" Models"). The compiler says so.
            }

            Location classLocation = declaration.Identifier.GetLocation();
            if (!declaration.Modifiers.Any(SyntaxKind.PartialKeyword))
            {
                Report(DiagnosticDescriptors.NotPartial, classLocation, type.Name);
                return null;
            }

            if (type.TypeParameters.Length > 0)
            {
                Report(DiagnosticDescriptors.UnsupportedContainingType, classLocation, type.Name, "generic network classes are not supported; declare a non-generic class");
                return null;
            }

            if (type.IsStatic)
            {
                Report(DiagnosticDescriptors.StaticNetwork, classLocation, type.Name);
                return null;
            }

            if (type.IsFileLocal)
            {
                Report(DiagnosticDescriptors.UnsupportedContainingType, classLocation, type.Name, FileLocalReason);
                return null;
            }

            EquatableArray<string> containingTypes = ParseContainingTypes(type, classLocation, out bool containingOk);
            if (!containingOk)
            {
                return null;
            }

            AttributeData network = _context.Attributes[0];
            if (HasErrors(network))
            {
                ReportNotGenerated(network, type.Name);
                return null;
            }

            int inputs = GetNamed(network, "Inputs", 0);
            int seed = GetNamed(network, "Seed", 0);
            int threads = GetNamed(network, "Threads", 1);
            if (threads is < 1 or > 64)
            {
                Report(DiagnosticDescriptors.HyperparameterOutOfRange, NamedArgumentLocation(network, "Threads"), "Threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "in 1..64");
            }

            var codeGen = (CodeGenKind)GetNamed(network, "CodeGen", 0);
            if (!Enum.IsDefined(typeof(CodeGenKind), codeGen))
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, NamedArgumentLocation(network, "CodeGen"), $"CodeGen value {(int)codeGen}", "the members of NetGen.CodeGen");
                return null;
            }
            if (inputs <= 0)
            {
                Report(DiagnosticDescriptors.NonPositiveSize, NamedArgumentLocation(network, "Inputs"), "[Network] Inputs", inputs.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            ImmutableArray<AttributeData> attributes = type.GetAttributes();
            AttributeData? training = attributes.FirstOrDefault(a => IsAttribute(a, TrainingAttributeName));
            if (training is not null && HasErrors(training))
            {
                ReportNotGenerated(training, type.Name);
                return null;
            }

            if (training is null && HasNamed(network, "Threads") && threads is >= 1 and <= 64)
            {
                Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(network, "Threads"), "Threads",
                    $"'{type.Name}' has no [Training], and only training is split over threads (Predict runs on the caller's thread)", "add [Training]");
            }

            if (HasNamed(network, "Seed") && HasNamed(network, "Weights"))
            {
                Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(network, "Seed"), "Seed", FromWeightsFile(network), "remove Weights");
            }

            List<LayerSpec> layers = ParseLayers(type, attributes, declaration, inputs, training is not null, codeGen, network);
            if (layers.Count == 0)
            {
                if (!_hasErrors)
                {
                    Report(DiagnosticDescriptors.NoLayers, classLocation, type.Name);
                }

                return null;
            }

            TrainingSpec? trainingSpec = training is null ? null : ParseTraining(training, layers[layers.Count - 1], type.Name);

            return new NetworkSpec(
                Identifiers.Namespace(type.ContainingNamespace),
                containingTypes,
                Identifiers.Escape(type.Name),
                Identifiers.DisplayName(type),
                inputs,
                seed,
                layers.ToEquatableArray(),
                trainingSpec,
                trainingSpec is null ? 1 : threads,
                ParseWeights(network));
        }

        private WeightsReference? ParseWeights(AttributeData network)
        {
            if (!HasNamed(network, "Weights"))
            {
                return null;
            }

            Location location = NamedArgumentLocation(network, "Weights") ?? Location.None;
            return new WeightsReference(
                GetNamed<string?>(network, "Weights", null) ?? string.Empty,
                location.SourceTree?.FilePath,
                location.SourceSpan,
                location.GetLineSpan().Span);
        }

        private EquatableArray<string> ParseContainingTypes(INamedTypeSymbol type, Location classLocation, out bool ok)
        {
            var declarations = new List<string>();
            ok = true;
            for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
            {
                if (outer.IsFileLocal)
                {
                    Report(DiagnosticDescriptors.UnsupportedContainingType, classLocation, type.Name, $"its containing type '{outer.Name}' is file-local ('file'): the generated file cannot add to a type of another file; remove 'file'");
                    ok = false;
                    return default;
                }

                if (outer.TypeParameters.Length > 0)
                {
                    Report(DiagnosticDescriptors.UnsupportedContainingType, classLocation, type.Name, $"its containing type '{outer.Name}' is generic; move the network out of generic types");
                    ok = false;
                    return default;
                }

                bool allPartial = outer.DeclaringSyntaxReferences.All(r =>
                    r.GetSyntax(_cancellationToken) is TypeDeclarationSyntax t && t.Modifiers.Any(SyntaxKind.PartialKeyword));
                if (!allPartial)
                {
                    Report(DiagnosticDescriptors.UnsupportedContainingType, classLocation, type.Name, $"its containing type '{outer.Name}' must be declared 'partial' too");
                    ok = false;
                    return default;
                }

                string keyword = outer.IsRecord
                    ? (outer.TypeKind == TypeKind.Struct ? "record struct" : "record")
                    : outer.TypeKind switch
                    {
                        TypeKind.Struct => "struct",
                        TypeKind.Interface => "interface",
                        _ => "class",
                    };
                declarations.Insert(0, $"partial {keyword} {Identifiers.Escape(outer.Name)}");
            }

            return declarations.ToEquatableArray();
        }

        private List<LayerSpec> ParseLayers(INamedTypeSymbol type, ImmutableArray<AttributeData> attributes, ClassDeclarationSyntax declaration, int inputs, bool trained, CodeGenKind networkCodeGen, AttributeData network)
        {
            // Source order is the layer order. GetAttributes() follows it within one declaration; sort
            // by position anyway, and refuse layers spread over partial declarations (no defined order).
            var dense = attributes
                .Where(a => IsAttribute(a, DenseAttributeName))
                .Select(a => (Attribute: a, Syntax: a.ApplicationSyntaxReference))
                .OrderBy(a => a.Syntax?.SyntaxTree.FilePath, StringComparer.Ordinal)
                .ThenBy(a => a.Syntax?.Span.Start ?? 0)
                .ToList();

            var layers = new List<LayerSpec>();
            int width = inputs;
            long offset = 0;
            for (int i = 0; i < dense.Count; i++)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                AttributeData attribute = dense[i].Attribute;
                SyntaxReference? reference = dense[i].Syntax;
                if (reference is null || reference.SyntaxTree != declaration.SyntaxTree || !declaration.Span.Contains(reference.Span))
                {
                    Report(DiagnosticDescriptors.LayersAcrossPartialDeclarations, LocationOf(attribute), type.Name);
                    continue;
                }

                if (HasErrors(attribute) || attribute.ConstructorArguments.Length < 1)
                {
                    ReportNotGenerated(attribute, type.Name);
                    continue;
                }

                int number = i + 1;
                int units = attribute.ConstructorArguments[0].Value is int u ? u : 0;
                var activation = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int a
                    ? (ActivationKind)a
                    : ActivationKind.Identity;
                float alpha = GetNamed(attribute, "Alpha", float.NaN);
                bool alphaSet = HasNamed(attribute, "Alpha");
                var init = (InitKind)GetNamed(attribute, "Init", 0);
                var codeGen = (CodeGenKind)GetNamed(attribute, "CodeGen", 0);
                Location? codeGenLocation = NamedArgumentLocation(attribute, "CodeGen");
                if (codeGen == CodeGenKind.Auto)
                {
                    codeGen = networkCodeGen;
                    codeGenLocation = NamedArgumentLocation(network, "CodeGen");
                }

                if (!Enum.IsDefined(typeof(InitKind), init))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, NamedArgumentLocation(attribute, "Init"), $"Init value {(int)init}", "the members of NetGen.Init");
                    continue;
                }

                if (!Enum.IsDefined(typeof(CodeGenKind), codeGen))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, codeGenLocation, $"CodeGen value {(int)codeGen}", "the members of NetGen.CodeGen");
                    continue;
                }

                if (units <= 0)
                {
                    Report(DiagnosticDescriptors.NonPositiveSize, ConstructorArgumentLocation(attribute, 0), $"The units of layer {number}", units.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                if (!Enum.IsDefined(typeof(ActivationKind), activation))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, ConstructorArgumentLocation(attribute, 1), $"Activation value {(int)activation}", "the members of NetGen.Activation");
                    continue;
                }

                if (activation.CouplesLayer() && i < dense.Count - 1)
                {
                    Report(DiagnosticDescriptors.SoftmaxOnHiddenLayer, ConstructorArgumentLocation(attribute, 1), number.ToString(System.Globalization.CultureInfo.InvariantCulture), activation.ToString());
                    continue;
                }

                if (activation == ActivationKind.BinaryStep && trained)
                {
                    Report(DiagnosticDescriptors.BinaryStepCannotLearn, ConstructorArgumentLocation(attribute, 1), number.ToString(System.Globalization.CultureInfo.InvariantCulture));
                }

                if (alphaSet && !IsFinite(alpha))
                {
                    // NaN is the attribute's "unset", but written out it is a mistake, not a request for the default.
                    Report(DiagnosticDescriptors.NonFiniteHyperparameter, NamedArgumentLocation(attribute, "Alpha"), $"Alpha of layer {number}", NonFiniteText(alpha));
                    continue;
                }

                if (alphaSet && activation == ActivationKind.ELU && alpha <= 0f)
                {
                    Report(DiagnosticDescriptors.HyperparameterOutOfRange, NamedArgumentLocation(attribute, "Alpha"), $"Alpha of layer {number}", Literal(alpha), "positive");
                    continue;
                }

                if (alphaSet && activation is not (ActivationKind.LeakyReLU or ActivationKind.PReLU or ActivationKind.ELU))
                {
                    Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(attribute, "Alpha"), $"Alpha of layer {number}",
                        $"Activation.{activation} does not use it, only Activation.LeakyReLU, Activation.PReLU and Activation.ELU do", "choose one of those");
                }

                if (HasNamed(attribute, "Init") && HasNamed(network, "Weights"))
                {
                    Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(attribute, "Init"), $"Init of layer {number}", FromWeightsFile(network), "remove Weights");
                }

                if (init == InitKind.Auto)
                {
                    init = activation is ActivationKind.ReLU or ActivationKind.LeakyReLU or ActivationKind.PReLU or ActivationKind.ELU
                        ? InitKind.HeUniform
                        : InitKind.GlorotUniform;
                }

                if (!alphaSet)
                {
                    alpha = activation switch
                    {
                        ActivationKind.LeakyReLU => 0.01f,
                        ActivationKind.PReLU => 0.25f,
                        ActivationKind.ELU => 1f,
                        _ => 0f,
                    };
                }

                if (width > 0)
                {
                    long end = offset + (long)width * units + units + (activation == ActivationKind.PReLU ? units : 0);
                    if (end > MaxParameters)
                    {
                        Report(DiagnosticDescriptors.NetworkTooLarge, LocationOf(attribute), type.Name, $"more than {MaxParameters}", MaxParameters.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        return layers;
                    }

                    long weights = (long)width * units;
                    if (codeGen == CodeGenKind.Unrolled && weights > MaxUnrolledWeights)
                    {
                        Report(DiagnosticDescriptors.TooLargeToUnroll, codeGenLocation, number.ToString(System.Globalization.CultureInfo.InvariantCulture), $"{width}×{units}", weights.ToString(System.Globalization.CultureInfo.InvariantCulture), MaxUnrolledWeights.ToString(System.Globalization.CultureInfo.InvariantCulture));
                        width = units;
                        continue;
                    }

                    LayerStrategy strategy = codeGen switch
                    {
                        CodeGenKind.Unrolled => LayerStrategy.Unrolled,
                        CodeGenKind.Loops => LayerStrategy.Loops,
                        CodeGenKind.Simd => LayerStrategy.Simd,
                        _ => weights <= UnrollLimit ? LayerStrategy.Unrolled : LayerStrategy.Simd,
                    };
                    layers.Add(new LayerSpec(number, width, units, activation, alpha, init, (int)offset, strategy));
                    offset = end;
                }

                width = units;
            }

            return layers;
        }

        private TrainingSpec? ParseTraining(AttributeData training, LayerSpec output, string typeName)
        {
            ImmutableArray<TypedConstant> args = training.ConstructorArguments;
            var loss = args.Length > 0 && args[0].Value is int l ? (LossKind)l : LossKind.MeanSquaredError;
            var optimizer = args.Length > 1 && args[1].Value is int o ? (OptimizerKind)o : OptimizerKind.Sgd;
            if (!Enum.IsDefined(typeof(LossKind), loss))
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, ConstructorArgumentLocation(training, 0), $"Loss value {(int)loss}", "the members of NetGen.Loss");
                return null;
            }

            if (OptimizerCatalog.Find(optimizer) is null)
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, ConstructorArgumentLocation(training, 1), $"Optimizer value {(int)optimizer}", "the members of NetGen.Optimizer");
                return null;
            }

            OptimizerKind declared = optimizer;
            if (optimizer == OptimizerKind.Momentum && GetNamed(training, "Nesterov", false))
            {
                optimizer = OptimizerKind.Nesterov;
            }

            ActivationKind? required = loss switch
            {
                LossKind.CrossEntropy => ActivationKind.Softmax,
                LossKind.BinaryCrossEntropy => ActivationKind.Sigmoid,
                _ => null,
            };
            if (required is { } activation && output.Activation != activation)
            {
                Report(DiagnosticDescriptors.LossNeedsOutputActivation, ConstructorArgumentLocation(training, 0), loss.ToString(), activation.ToString(), typeName, output.Activation.ToString());
            }

            int batchSize = GetNamed(training, "BatchSize", 0);
            if (!HasNamed(training, "BatchSize"))
            {
                batchSize = DefaultBatchSize;
            }
            else if (batchSize <= 0)
            {
                Report(DiagnosticDescriptors.NonPositiveSize, NamedArgumentLocation(training, "BatchSize"), "[Training] BatchSize", batchSize.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }

            // Each optimizer's catalog entry owns its defaults; the ranges belong to the hyperparameter.
            OptimizerDefinition definition = OptimizerCatalog.Get(optimizer);
            float Read(Hyperparameter h) => Hyperparameter(training, h.Name, definition.DefaultOf(h) ?? h.Unused, h.Range);
            float learningRate = Read(Catalog.Optimizers.Hyperparameter.LearningRate);
            float momentum = Read(Catalog.Optimizers.Hyperparameter.Momentum);
            float rho = Read(Catalog.Optimizers.Hyperparameter.Rho);
            float beta1 = Read(Catalog.Optimizers.Hyperparameter.Beta1);
            float beta2 = Read(Catalog.Optimizers.Hyperparameter.Beta2);
            float epsilon = Read(Catalog.Optimizers.Hyperparameter.Epsilon);
            float weightDecay = Read(Catalog.Optimizers.Hyperparameter.WeightDecay);
            float huberDelta = Hyperparameter(training, "HuberDelta", 1f, HyperparameterRange.Positive);

            ReportIgnored(training, declared, loss);
            return new TrainingSpec(loss, optimizer, batchSize, learningRate, momentum, rho, beta1, beta2, epsilon, weightDecay, huberDelta);
        }

        /// <summary>A named float of [Training], its default when unset, checked against its range.</summary>
        private float Hyperparameter(AttributeData training, string name, float fallback, HyperparameterRange range)
        {
            float value = GetNamed(training, name, float.NaN);
            if (!HasNamed(training, name))
            {
                return fallback;
            }

            if (!IsFinite(value))
            {
                Report(DiagnosticDescriptors.NonFiniteHyperparameter, NamedArgumentLocation(training, name), name, NonFiniteText(value));
                _invalid.Add(name);
                return value;
            }

            (bool ok, string text) = range switch
            {
                HyperparameterRange.Positive => (value > 0f, "positive"),
                HyperparameterRange.NonNegative => (value >= 0f, "zero or positive"),
                _ => (value >= 0f && value < 1f, "in [0, 1)"),
            };
            if (!ok)
            {
                Report(DiagnosticDescriptors.HyperparameterOutOfRange, NamedArgumentLocation(training, name), name, Literal(value), text);
                _invalid.Add(name);
            }

            return value;
        }

        /// <summary>
        /// NG0026 for each [Training] setting the declared optimizer or loss never reads (an invalid
        /// value already has its error). Which optimizers read what is their catalog entries' Hyperparameters.
        /// </summary>
        private void ReportIgnored(AttributeData training, OptimizerKind declared, LossKind loss)
        {
            // Which optimizers read what comes from the catalog (Catalog/Optimizers).
            var users = Catalog.Optimizers.Hyperparameter.All
                .Select(h => (h.Name, OptimizerCatalog.All.Where(o => o.Uses(h)).Select(o => o.Kind).ToArray()))
                .ToArray();
            foreach ((string name, OptimizerKind[] optimizers) in users)
            {
                if (HasNamed(training, name) && !_invalid.Contains(name) && Array.IndexOf(optimizers, declared) < 0)
                {
                    Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(training, name), name,
                        $"Optimizer.{declared} does not use it, only {Names("Optimizer.", optimizers)} {(optimizers.Length == 1 ? "does" : "do")}",
                        optimizers.Length == 1 ? $"choose Optimizer.{optimizers[0]}" : "choose one of those");
                }
            }

            if (HasNamed(training, "Nesterov"))
            {
                bool nesterov = GetNamed(training, "Nesterov", false);
                string? reason = declared switch
                {
                    OptimizerKind.Momentum => null,
                    OptimizerKind.Nesterov => nesterov ? null : "Optimizer.Nesterov always uses Nesterov's look-ahead",
                    _ => $"Optimizer.{declared} does not use it, only Optimizer.Momentum does",
                };
                if (reason is not null)
                {
                    Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(training, "Nesterov"), "Nesterov", reason,
                        declared == OptimizerKind.Nesterov ? "choose Optimizer.Momentum for plain momentum" : "choose Optimizer.Momentum");
                }
            }

            if (HasNamed(training, "HuberDelta") && !_invalid.Contains("HuberDelta") && loss != LossKind.Huber)
            {
                Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(training, "HuberDelta"), "HuberDelta",
                    $"Loss.{loss} does not use it, only Loss.Huber does", "choose Loss.Huber");
            }
        }

        /// <summary>The reason Seed and Init do nothing when the parameters are compiled in from a model file.</summary>
        private static string FromWeightsFile(AttributeData network) =>
            $"the parameters come from the weights file '{GetNamed<string?>(network, "Weights", null)}', not from the seeded initialisation";

        private static string Names(string prefix, OptimizerKind[] kinds)
        {
            var names = kinds.Select(k => prefix + k).ToList();
            return names.Count == 1 ? names[0] : string.Join(", ", names.Take(names.Count - 1)) + " and " + names[names.Count - 1];
        }

        /// <summary>
        /// Whether the compiler reports an error in the attribute: an unbound attribute, or arguments
        /// it rejects (Roslyn may still hand out a value for those, e.g. the double of a CS0266, so
        /// the compiler's own diagnostics for the attribute's span decide).
        /// </summary>
        private bool HasErrors(AttributeData attribute)
        {
            if (attribute.AttributeClass is null or IErrorTypeSymbol || attribute.AttributeConstructor is null
                || attribute.ConstructorArguments.Any(a => a.Kind == TypedConstantKind.Error)
                || attribute.NamedArguments.Any(a => a.Value.Kind == TypedConstantKind.Error))
            {
                return true;
            }

            if (attribute.ApplicationSyntaxReference is not { } reference)
            {
                return false;
            }

            SemanticModel model = reference.SyntaxTree == _context.SemanticModel.SyntaxTree
                ? _context.SemanticModel
                : _context.SemanticModel.Compilation.GetSemanticModel(reference.SyntaxTree);
            return model.GetDiagnostics(reference.Span, _cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error);
        }

        /// <summary>
        /// The compiler reports what is wrong with an attribute's arguments; this says what it means
        /// for the network (nothing is generated until they are fixed), at Info level to keep the
        /// error list about the cause.
        /// </summary>
        private void ReportNotGenerated(AttributeData attribute, string typeName)
        {
            Report(DiagnosticDescriptors.AttributeHasErrors, LocationOf(attribute), typeName);
            _hasErrors = true;
        }

        public void Report(DiagnosticDescriptor descriptor, Location? location, params string[] args)
        {
            _diagnostics.Add(DiagnosticInfo.Create(descriptor, location, args));
            if (descriptor.DefaultSeverity == DiagnosticSeverity.Error)
            {
                _hasErrors = true;
            }
        }

        public Location? LocationOf(AttributeData attribute) =>
            attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken).GetLocation();

        /// <summary>The location of a named argument (<c>Inputs = 4</c>), or of the whole attribute when it is absent.</summary>
        public Location? NamedArgumentLocation(AttributeData attribute, string name)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax syntax)
            {
                AttributeArgumentSyntax? argument = syntax.ArgumentList?.Arguments
                    .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == name);
                return (argument ?? (SyntaxNode)syntax).GetLocation();
            }

            return null;
        }

        /// <summary>The location of the <paramref name="index"/>th positional argument, or of the attribute.</summary>
        public Location? ConstructorArgumentLocation(AttributeData attribute, int index)
        {
            if (attribute.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) is AttributeSyntax syntax)
            {
                var positional = syntax.ArgumentList?.Arguments.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
                return positional is not null && index < positional.Count
                    ? positional[index].GetLocation()
                    : syntax.GetLocation();
            }

            return null;
        }
    }

    internal static T GetNamed<T>(AttributeData attribute, string name, T fallback)
    {
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Key == name && argument.Value.Value is T value)
            {
                return value;
            }
        }

        return fallback;
    }

    internal static bool HasNamed(AttributeData attribute, string name) =>
        attribute.NamedArguments.Any(a => a.Key == name);

    /// <summary>Whether <paramref name="value"/> is neither NaN nor an infinity (float.IsFinite is not in netstandard2.0).</summary>
    internal static bool IsFinite(float value) => !float.IsNaN(value) && !float.IsInfinity(value);

    /// <summary>A non-finite float as the user would write it: float.NaN, float.PositiveInfinity, float.NegativeInfinity.</summary>
    internal static string NonFiniteText(float value) =>
        float.IsNaN(value) ? "float.NaN" : value > 0 ? "float.PositiveInfinity" : "float.NegativeInfinity";

    internal static string Literal(float value) =>
        value.ToString("R", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Why a <c>file</c> class cannot be a network (shared with [OnnxModel]).</summary>
    internal const string FileLocalReason =
        "it is file-local ('file'), and the generated members are in another file, where the same name would declare another class; remove 'file'";

    /// <summary>"a record", "a struct"…: what a type declaration is, for messages.</summary>
    internal static string KindOf(TypeDeclarationSyntax declaration) => declaration switch
    {
        RecordDeclarationSyntax record => record.ClassOrStructKeyword.IsKind(SyntaxKind.StructKeyword) ? "a record struct" : "a record",
        StructDeclarationSyntax => "a struct",
        InterfaceDeclarationSyntax => "an interface",
        ClassDeclarationSyntax => "a class",
        _ => "a " + declaration.Keyword.ValueText,
    };

    private static bool IsAttribute(AttributeData attribute, string fullName) =>
        attribute.AttributeClass?.ToDisplayString() == fullName;
}

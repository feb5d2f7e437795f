using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using NetGen.Generator.Building;
using NetGen.Generator.Catalog.Losses;
using NetGen.Generator.Catalog.Optimizers;
using NetGen.Generator.Diagnostics;
using NetGen.Generator.Model;

namespace NetGen.Generator.Parsing;

/// <summary>
/// Reads the symbols of one [Network] class into a <see cref="NetworkRequest"/> (what was declared),
/// reporting what it cannot read, and hands it to <see cref="NetworkBuilder"/> for the policy (layout,
/// strategy, defaults); it maps the builder's problems to locations. With <see cref="OnnxModelParser"/>,
/// <see cref="OrphanAttributeParser"/> and <see cref="Autodiff.DiffParser"/>, the only code that sees Roslyn symbols.
/// </summary>
internal static class NetworkParser
{
    public const string NetworkAttributeName = "NetGen.NetworkAttribute";
    public const string DenseAttributeName = "NetGen.DenseAttribute";
    public const string TrainingAttributeName = "NetGen.TrainingAttribute";

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
        private SourceSite? _weightsSite;
        private readonly HashSet<string> _invalid = new(StringComparer.Ordinal);
        private readonly Dictionary<int, AttributeData> _layerAttributes = new();
        private bool _hasErrors;

        public Parser(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
        {
            _context = context;
            _cancellationToken = cancellationToken;
        }

        public ParseResult Run()
        {
            NetworkSpec? spec = ParseNetwork();
            return new ParseResult(_hasErrors ? null : spec, _diagnostics.ToEquatableArray(), _weightsSite);
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

            var codeGen = (CodeGen)GetNamed(network, "CodeGen", 0);
            if (!Enum.IsDefined(typeof(CodeGen), codeGen))
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, NamedArgumentLocation(network, "CodeGen"), $"CodeGen value {(int)codeGen}", "the members of NetGen.CodeGen");
                return null;
            }
            var inputScaling = (InputScaling)GetNamed(network, "InputScaling", 0);
            if (!Enum.IsDefined(typeof(InputScaling), inputScaling))
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, NamedArgumentLocation(network, "InputScaling"), $"InputScaling value {(int)inputScaling}", "the members of NetGen.InputScaling");
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

            (List<LayerRequest> layers, int declared) = ParseLayers(type, attributes, declaration, network);
            TrainingSpec? trainingSpec = training is null ? null : ParseTraining(training);

            // Everything from here on is policy (layout, strategy, defaults and their checks): the builder's.
            var request = new NetworkRequest(
                Identifiers.Namespace(type.ContainingNamespace),
                containingTypes,
                Identifiers.Escape(type.Name),
                Identifiers.DisplayName(type),
                inputs,
                seed,
                declared,
                layers,
                codeGen,
                trainingSpec,
                threads,
                ParseWeights(network),
                inputScaling);
            BuildResult built = NetworkBuilder.Build(request);
            foreach (BuildProblem problem in built.Problems)
            {
                if (problem.Part == RequestPart.Network && _hasErrors)
                {
                    continue; // "no layers" after layers this parser refused says nothing new
                }

                Location? location = problem.Part switch
                {
                    RequestPart.Network => classLocation,
                    RequestPart.Loss => ConstructorArgumentLocation(training!, 0),
                    RequestPart.Activation => ConstructorArgumentLocation(_layerAttributes[problem.Layer], 1),
                    RequestPart.Alpha => NamedArgumentLocation(_layerAttributes[problem.Layer], "Alpha"),
                    RequestPart.Init => NamedArgumentLocation(_layerAttributes[problem.Layer], "Init"),
                    RequestPart.Dropout => NamedArgumentLocation(_layerAttributes[problem.Layer], "Dropout"),
                    RequestPart.L1 => NamedArgumentLocation(_layerAttributes[problem.Layer], "L1"),
                    RequestPart.L2 => NamedArgumentLocation(_layerAttributes[problem.Layer], "L2"),
                    RequestPart.CodeGen => HasNamed(_layerAttributes[problem.Layer], "CodeGen") && GetNamed(_layerAttributes[problem.Layer], "CodeGen", 0) != 0
                        ? NamedArgumentLocation(_layerAttributes[problem.Layer], "CodeGen")
                        : NamedArgumentLocation(network, "CodeGen"),
                    _ => LocationOf(_layerAttributes[problem.Layer]),
                };
                _diagnostics.Add(problem.Problem.At(SourceSite.From(location)));
                _hasErrors |= problem.IsError;
            }

            return built.Spec;
        }

        private WeightsReference? ParseWeights(AttributeData network)
        {
            if (!HasNamed(network, "Weights"))
            {
                return null;
            }

            // The location goes to the diagnostics branch only (ParseResult.WeightsSite), never into the spec.
            _weightsSite = SourceSite.From(NamedArgumentLocation(network, "Weights"));
            return new WeightsReference(GetNamed<string?>(network, "Weights", null) ?? string.Empty);
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

        /// <summary>
        /// Reads the [Dense] attributes into requests, reporting what cannot be read (unknown enum
        /// values, non-positive units, layers across partial declarations); a layer with such an error
        /// is left out. Returns the readable layers and how many were declared.
        /// </summary>
        private (List<LayerRequest> Layers, int Declared) ParseLayers(INamedTypeSymbol type, ImmutableArray<AttributeData> attributes, ClassDeclarationSyntax declaration, AttributeData network)
        {
            // Source order is the layer order. GetAttributes() follows it within one declaration; sort
            // by position anyway, and refuse layers spread over partial declarations (no defined order).
            var dense = attributes
                .Where(a => IsAttribute(a, DenseAttributeName))
                .Select(a => (Attribute: a, Syntax: a.ApplicationSyntaxReference))
                .OrderBy(a => a.Syntax?.SyntaxTree.FilePath, StringComparer.Ordinal)
                .ThenBy(a => a.Syntax?.Span.Start ?? 0)
                .ToList();

            var layers = new List<LayerRequest>();
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
                _layerAttributes[number] = attribute;
                int units = attribute.ConstructorArguments[0].Value is int u ? u : 0;
                var activation = attribute.ConstructorArguments.Length > 1 && attribute.ConstructorArguments[1].Value is int a
                    ? (Activation)a
                    : Activation.Identity;
                CustomActivation? custom = null;
                // [Dense(n, typeof(T), nameof(T.F))], or the short form [Dense(n, nameof(F))]: F in the network class.
                bool shortForm = attribute.ConstructorArguments.Length == 2 && attribute.AttributeConstructor?.Parameters[1].Type.SpecialType == SpecialType.System_String;
                if ((attribute.ConstructorArguments.Length == 3 && attribute.ConstructorArguments[1].Value is INamedTypeSymbol) || shortForm)
                {
                    INamedTypeSymbol functions = shortForm ? type : (INamedTypeSymbol)attribute.ConstructorArguments[1].Value!;
                    int nameIndex = shortForm ? 1 : 2;
                    custom = ParseCustomActivation(attribute, number, functions, attribute.ConstructorArguments[nameIndex].Value as string ?? "", nameIndex);
                    if (custom is null)
                    {
                        continue;
                    }
                }
                else if (HasNamed(attribute, "Arguments"))
                {
                    Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(attribute, "Arguments"), $"Arguments of layer {number}",
                        $"Activation.{activation} has no constant parameters (Arguments are a custom activation method's)", "name a custom activation method");
                }

                float? alpha = HasNamed(attribute, "Alpha") ? GetNamed(attribute, "Alpha", float.NaN) : null;
                var init = (Init)GetNamed(attribute, "Init", 0);
                var codeGen = (CodeGen)GetNamed(attribute, "CodeGen", 0);
                if (!Enum.IsDefined(typeof(Init), init))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, NamedArgumentLocation(attribute, "Init"), $"Init value {(int)init}", "the members of NetGen.Init");
                    continue;
                }

                if (!Enum.IsDefined(typeof(CodeGen), codeGen))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, NamedArgumentLocation(attribute, "CodeGen"), $"CodeGen value {(int)codeGen}", "the members of NetGen.CodeGen");
                    continue;
                }

                if (units <= 0)
                {
                    Report(DiagnosticDescriptors.NonPositiveSize, ConstructorArgumentLocation(attribute, 0), $"The units of layer {number}", units.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    continue;
                }

                if (!Enum.IsDefined(typeof(Activation), activation))
                {
                    Report(DiagnosticDescriptors.UnknownEnumValue, ConstructorArgumentLocation(attribute, 1), $"Activation value {(int)activation}", "the members of NetGen.Activation");
                    continue;
                }

                layers.Add(new LayerRequest(number, units, activation, alpha, init, HasNamed(attribute, "Init"), codeGen,
                    GetNamed(attribute, "Dropout", 0f), GetNamed(attribute, "L1", 0f), GetNamed(attribute, "L2", 0f), custom));
            }

            return (layers, dense.Count);
        }

        /// <summary>
        /// [Dense(units, typeof(T), nameof(T.F))]: T's one static method F, differentiated as [Differentiate]
        /// does (its diagnostics, NG0100–NG0103, are located in F), or null after reporting why not (NG0104).
        /// </summary>
        private CustomActivation? ParseCustomActivation(AttributeData attribute, int number, INamedTypeSymbol functions, string name, int nameIndex)
        {
            string display = functions.Name + "." + name;
            string numberText = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
            IMethodSymbol? method = ResolveFunction(Autodiff.DiffMode.Activation, functions, name, $"Layer {numberText}'s activation", attribute, nameIndex);
            if (method is null)
            {
                return null;
            }

            float[]? constants = BindConstants(attribute, numberText, display, method);
            if (constants is null)
            {
                return null;
            }

            Autodiff.DiffSpec? spec = ParseFunction(Autodiff.DiffMode.Activation, method, constants);
            if (spec is null)
            {
                return null;
            }

            // The [Differentiate] methods it calls: their graphs for the ONNX export and the fingerprint.
            EquatableArray<CalleeGraph>? callees = spec.Nodes.Any(n => n.Op == Autodiff.DiffOp.Call)
                ? Autodiff.CalleeGraphs.Collect(_context.SemanticModel, method, _cancellationToken, _diagnostics)
                : EquatableArray<CalleeGraph>.Empty;
            if (callees is null)
            {
                _hasErrors = true;
                return null;
            }

            string helper = HelperName(functions, name);
            if (constants.Length > 0)
            {
                // One pair of helpers per binding: Swish(beta=1.5) and Swish(beta=2) are two functions.
                // Values joined by ',' with no space: the runtime splits a layer's fields on ", " (OnnxExporter).
                var extra = method.Parameters.Skip(1).ToList();
                display += "(" + string.Join(",", extra.Select((p, i) => p.Name + "=" + Literal(constants[i]))) + ")";
                helper += "_" + string.Join("_", constants.Select(c => Literal(c).Replace('.', 'p').Replace('-', 'm').Replace("+", "").Replace('E', 'e')));
            }

            return new CustomActivation(display, helper, spec, callees.Value);
        }

        /// <summary>
        /// [Training(typeof(T), nameof(T.L), …)]: T's one static method L, differentiated as [Differentiate]
        /// does (NG0100–NG0103 located in L), or null after reporting why not (NG0104 on the name).
        /// </summary>
        private CustomLoss? ParseCustomLoss(AttributeData training, INamedTypeSymbol functions, string name)
        {
            IMethodSymbol? method = ResolveFunction(Autodiff.DiffMode.Loss, functions, name, "The loss", training, 1);
            Autodiff.DiffSpec? spec = method is null ? null : ParseFunction(Autodiff.DiffMode.Loss, method, Array.Empty<float>());
            return spec is null ? null : new CustomLoss(functions.Name + "." + name, HelperName(functions, name), spec);
        }

        /// <summary>
        /// The one ordinary method <paramref name="name"/> of <paramref name="functions"/> that a network uses
        /// as its <paramref name="kind"/> (an activation or a loss), or null after NG0104 on the attribute's
        /// <paramref name="nameIndex"/>th argument: no such method, several, or one whose source is not in
        /// this compilation. <paramref name="subject"/> begins the message ("Layer 2's activation").
        /// </summary>
        private IMethodSymbol? ResolveFunction(Autodiff.DiffMode kind, INamedTypeSymbol functions, string name, string subject, AttributeData attribute, int nameIndex)
        {
            var methods = functions.GetMembers(name).OfType<IMethodSymbol>().Where(m => m.MethodKind == MethodKind.Ordinary).ToList();
            string shape = kind == Autodiff.DiffMode.Activation ? "an activation is one static float F(float x)" : "a loss is one static float L(float prediction, float target)";
            string? problem = methods.Count switch
            {
                0 => $"{functions.ToDisplayString()} has no method named '{name}'",
                > 1 => $"{functions.ToDisplayString()} has {methods.Count} methods named '{name}' ({shape})",
                _ => methods[0].DeclaringSyntaxReferences.IsEmpty ? "its source is not in this compilation (the generator differentiates the method's code)" : null,
            };
            if (problem is not null)
            {
                Report(DiagnosticDescriptors.CustomActivationNotFound, ConstructorArgumentLocation(attribute, nameIndex), subject, functions.Name + "." + name, problem);
                return null;
            }

            return methods[0];
        }

        /// <summary>
        /// <paramref name="method"/>'s graph as the network's <paramref name="kind"/> (an activation's
        /// <paramref name="constants"/> bound), or null after its errors (NG0100–NG0103, located in the method;
        /// or a method mid-edit, which the compiler reports). Each diagnostic is reported once per network,
        /// however many layers use the function. A method that is also [Differentiate] has its problems
        /// reported by that generator: only what is particular to <paramref name="kind"/> (its signature) and
        /// NG0105 (a NaN-prone operation) are reported here, so that nothing is reported twice.
        /// </summary>
        private Autodiff.DiffSpec? ParseFunction(Autodiff.DiffMode kind, IMethodSymbol method, float[] constants)
        {
            Autodiff.DiffParseResult parsed = kind == Autodiff.DiffMode.Activation
                ? Autodiff.DiffParser.ParseActivation(_context.SemanticModel, method, constants, _cancellationToken)
                : Autodiff.DiffParser.ParseLoss(_context.SemanticModel, method, _cancellationToken);
            string signatureProblem = kind == Autodiff.DiffMode.Activation ? Autodiff.DiffParser.ActivationSignatureProblem : Autodiff.DiffParser.LossSignatureProblem;
            bool differentiated = method.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == Autodiff.DiffParser.AttributeName);
            foreach (DiagnosticInfo diagnostic in parsed.Diagnostics.Where(d => !differentiated
                || d.MessageArgs.Contains(signatureProblem) || d.Descriptor.Id == DiagnosticDescriptors.NaNProneOperation.Id))
            {
                if (!_diagnostics.Contains(diagnostic))
                {
                    _diagnostics.Add(diagnostic);
                }
            }

            if (parsed.Spec is null)
            {
                _hasErrors = true;
            }

            return parsed.Spec;
        }

        /// <summary>The name of a custom function's helpers in the generated code: its type's display name and its own, joined by '_' (MyFunctions_Swish).</summary>
        private static string HelperName(INamedTypeSymbol functions, string name) => Identifiers.DisplayName(functions).Replace('.', '_') + "_" + name;

        /// <summary>
        /// The values of the activation's parameters after x: [Dense] Arguments in order, then each
        /// remaining parameter's C# default; null after NG0110 (too many values, a parameter with
        /// neither, a NaN or infinity). A signature that is not all float is the DiffParser's NG0100.
        /// </summary>
        private float[]? BindConstants(AttributeData attribute, string numberText, string display, IMethodSymbol method)
        {
            if (method.Parameters.Length == 0 || method.Parameters.Any(p => p.Type.SpecialType != SpecialType.System_Single || p.RefKind != RefKind.None || p.IsParams))
            {
                return Array.Empty<float>();
            }

            var extra = method.Parameters.Skip(1).ToList();
            TypedConstant given = attribute.NamedArguments.FirstOrDefault(a => a.Key == "Arguments").Value;
            var values = given.Kind == TypedConstantKind.Array && !given.IsNull ? given.Values.Select(v => v.Value is float f ? f : float.NaN).ToList() : new List<float>();
            Location? where = NamedArgumentLocation(attribute, "Arguments");
            string names = string.Join(", ", extra.Select(p => p.Name));
            string? problem = null;
            if (values.Count > extra.Count)
            {
                problem = extra.Count == 0
                    ? $"Arguments gives {values.Count} value(s), but {method.Name} has no parameter after x; remove Arguments"
                    : $"Arguments gives {values.Count} values, but {method.Name} has {extra.Count} constant parameter(s) after x ({names}); give at most {extra.Count}";
            }

            for (int i = 0; problem is null && i < extra.Count; i++)
            {
                IParameterSymbol parameter = extra[i];
                if (i < values.Count)
                {
                    problem = IsFinite(values[i]) ? null : $"Arguments[{i}], the value of '{parameter.Name}', is {NonFiniteText(values[i])}; give a finite value";
                    continue;
                }

                if (!parameter.HasExplicitDefaultValue)
                {
                    problem = $"parameter '{parameter.Name}' has no value: give it in Arguments (position {i}) or a default in {method.Name} ('float {parameter.Name} = …')";
                    continue;
                }

                float value = parameter.ExplicitDefaultValue is { } v ? Convert.ToSingle(v, System.Globalization.CultureInfo.InvariantCulture) : 0f;
                if (!IsFinite(value))
                {
                    Report(DiagnosticDescriptors.CustomActivationArguments, parameter.Locations.FirstOrDefault(), numberText, display,
                        $"the default value of '{parameter.Name}' is {NonFiniteText(value)}; give a finite default or a value in Arguments");
                    return null;
                }

                values.Add(value);
            }

            if (problem is not null)
            {
                Report(DiagnosticDescriptors.CustomActivationArguments, where, numberText, display, problem);
                return null;
            }

            return values.ToArray();
        }

        private TrainingSpec? ParseTraining(AttributeData training)
        {
            ImmutableArray<TypedConstant> args = training.ConstructorArguments;
            // [Training(typeof(T), nameof(T.L), optimizer)] declares a custom loss; the optimizer moves one place right.
            bool isCustom = args.Length >= 2 && args[0].Value is INamedTypeSymbol;
            int optimizerIndex = isCustom ? 2 : 1;
            var loss = !isCustom && args.Length > 0 && args[0].Value is int l ? (Loss)l : Loss.MeanSquaredError;
            var optimizer = args.Length > optimizerIndex && args[optimizerIndex].Value is int o ? (Optimizer)o : Optimizer.Sgd;
            CustomLoss? customLoss = null;
            if (isCustom)
            {
                customLoss = ParseCustomLoss(training, (INamedTypeSymbol)args[0].Value!, args[1].Value as string ?? "");
                if (customLoss is null)
                {
                    return null;
                }

                loss = CustomLoss.Kind;
            }
            else if (!Enum.IsDefined(typeof(Loss), loss))
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, ConstructorArgumentLocation(training, 0), $"Loss value {(int)loss}", "the members of NetGen.Loss");
                return null;
            }

            if (OptimizerCatalog.Find(optimizer) is null)
            {
                Report(DiagnosticDescriptors.UnknownEnumValue, ConstructorArgumentLocation(training, optimizerIndex), $"Optimizer value {(int)optimizer}", "the members of NetGen.Optimizer");
                return null;
            }

            Optimizer declared = optimizer;
            if (optimizer == Optimizer.Momentum && GetNamed(training, "Nesterov", false))
            {
                optimizer = Optimizer.Nesterov;
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

            var spec = new TrainingSpec(loss, optimizer, batchSize, learningRate, momentum, rho, beta1, beta2, epsilon, weightDecay, huberDelta)
            {
                ClipNorm = ClipThreshold(training, "ClipNorm"),
                ClipValue = ClipThreshold(training, "ClipValue"),
                CustomLoss = customLoss,
            };
            ReportIgnored(training, declared, spec);
            return spec;
        }

        /// <summary>
        /// [Training] ClipNorm or ClipValue: NaN (off) when unset; otherwise finite and positive, the
        /// rule the generated setter applies at run time (where NaN turns clipping off), else NG0030.
        /// </summary>
        private float ClipThreshold(AttributeData training, string name)
        {
            if (!HasNamed(training, name))
            {
                return float.NaN;
            }

            float value = GetNamed(training, name, float.NaN);
            if (!HyperparameterRanges.IsClipThreshold(value))
            {
                Report(DiagnosticDescriptors.InvalidClipThreshold, NamedArgumentLocation(training, name), name, IsFinite(value) ? Literal(value) : NonFiniteText(value));
                return float.NaN;
            }

            return value;
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

            // The same rule as the generated setter's run-time check (Runtime/CompilerServices/HyperparameterRange.cs).
            if (!HyperparameterRanges.Contains(range, value))
            {
                Report(DiagnosticDescriptors.HyperparameterOutOfRange, NamedArgumentLocation(training, name), name, Literal(value), HyperparameterRanges.Describe(range));
                _invalid.Add(name);
            }

            return value;
        }

        /// <summary>
        /// NG0026 for each [Training] setting the declared optimizer or loss never reads (an invalid
        /// value already has its error). Which optimizers read what is their catalog entries' Hyperparameters.
        /// </summary>
        private void ReportIgnored(AttributeData training, Optimizer declared, TrainingSpec spec)
        {
            // Which optimizers read what comes from the catalog (Catalog/Optimizers).
            var users = Catalog.Optimizers.Hyperparameter.All
                .Select(h => (h.Name, OptimizerCatalog.All.Where(o => o.Uses(h)).Select(o => o.Kind).ToArray()))
                .ToArray();
            foreach ((string name, Optimizer[] optimizers) in users)
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
                    Optimizer.Momentum => null,
                    Optimizer.Nesterov => nesterov ? null : "Optimizer.Nesterov always uses Nesterov's look-ahead",
                    _ => $"Optimizer.{declared} does not use it, only Optimizer.Momentum does",
                };
                if (reason is not null)
                {
                    Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(training, "Nesterov"), "Nesterov", reason,
                        declared == Optimizer.Nesterov ? "choose Optimizer.Momentum for plain momentum" : "choose Optimizer.Momentum");
                }
            }

            if (HasNamed(training, "HuberDelta") && !_invalid.Contains("HuberDelta") && !LossCatalog.Of(spec).UsesHuberDelta)
            {
                string loss = spec.CustomLoss is { } custom ? $"the custom loss {custom.Name}" : $"Loss.{spec.Loss}";
                Report(DiagnosticDescriptors.IgnoredSetting, NamedArgumentLocation(training, "HuberDelta"), "HuberDelta",
                    $"{loss} does not use it, only {LossCatalog.WithHuberDelta()} does", $"choose {LossCatalog.WithHuberDelta()}");
            }
        }

        /// <summary>The reason Seed and Init do nothing when the parameters are compiled in from a model file.</summary>
        private static string FromWeightsFile(AttributeData network) =>
            $"the parameters come from the weights file '{GetNamed<string?>(network, "Weights", null)}', not from the seeded initialisation";

        private static string Names(string prefix, Optimizer[] kinds)
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

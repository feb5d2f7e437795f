using NetGen.Generator.Model;

namespace NetGen.Generator.Autodiff;

/// <summary>The operation of one node of a differentiated method's computational graph.</summary>
internal enum DiffOp
{
    Parameter,
    Constant,
    Copy,
    Add,
    Subtract,
    Multiply,
    Divide,
    Negate,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sinh,
    Cosh,
    Tanh,
    Exp,
    Log,
    Log10,
    Sqrt,
    Pow,
    Abs,
    Min,
    Max,
    Conditional,
    Call,

    // Conditions: boolean nodes, evaluated in the forward pass, never differentiated.
    Compare,
    Not,
    And,
    Or,
}

/// <summary>
/// One node. Values are named (<see cref="Name"/>: a parameter, a local, or a generated temporary);
/// constants are inlined as their source text. <see cref="Guard"/> is the condition (a C# boolean
/// expression over condition nodes) under which the node is evaluated: nodes inside a branch of a
/// conditional expression only run when that branch is taken.
/// </summary>
/// <param name="Op">The operation.</param>
/// <param name="Args">Operand node indices.</param>
/// <param name="Name">The C# name of the node's value as code writes it (a parameter or local named <c>@in</c> is "@in"), or its literal text for a constant.</param>
/// <param name="Label">What the node is in the source, for the comment on its line.</param>
/// <param name="Guard">The guard expression, or empty.</param>
/// <param name="Text">Extra text: the comparison operator of a Compare node, the callee of a Call node.</param>
internal sealed record DiffNode(DiffOp Op, EquatableArray<int> Args, string Name, string Label, string Guard, string Text);

/// <summary>A local variable of the method: its name (unescaped, as the user reads it) and the node holding its value.</summary>
internal sealed record DiffLocal(string Name, int Node);

/// <summary>Everything the emitter needs for one [Differentiate] method.</summary>
/// <param name="Namespace">The containing namespace as code writes it (keywords escaped), or null.</param>
/// <param name="ContainingTypes">Declarations of the containing types, outermost first, names escaped ("partial class Lecture").</param>
/// <param name="Accessibility">The method's accessibility keywords ("public").</param>
/// <param name="MethodName">The method's name, unescaped: it is only written with a suffix ({Name}Gradient), which is never a keyword.</param>
/// <param name="TypeName">"double" or "float".</param>
/// <param name="Parameters">Parameter names in order, as code writes them ("@in").</param>
/// <param name="Nodes">The graph in evaluation order.</param>
/// <param name="Locals">The locals in declaration order.</param>
/// <param name="Output">The node that is the method's result.</param>
/// <param name="FullName">The method's qualified name, unescaped: the hint name and comments.</param>
internal sealed record DiffSpec(
    string? Namespace,
    EquatableArray<string> ContainingTypes,
    string Accessibility,
    string MethodName,
    string TypeName,
    EquatableArray<string> Parameters,
    EquatableArray<DiffNode> Nodes,
    EquatableArray<DiffLocal> Locals,
    int Output,
    string FullName)
{
    public bool IsFloat => TypeName == "float";

    public string MathType => IsFloat ? "global::System.MathF" : "global::System.Math";
}

/// <summary>The parser's output for one [Differentiate] method.</summary>
internal sealed record DiffParseResult(DiffSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

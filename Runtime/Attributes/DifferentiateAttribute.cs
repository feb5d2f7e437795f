using System;
using System.Diagnostics;

namespace NetGen;

/// <summary>
/// Asks NetGen to differentiate a static method at compile time. The method takes and returns
/// <see cref="double"/> (or <see cref="float"/>: every parameter and the result of one type), and its
/// body is an expression or straight-line code: local variable declarations, then a return. The
/// generator emits, in the same (partial) type, <c>{Name}Gradient</c>: the value and the gradient with
/// respect to every parameter in one call, by reverse mode over the method's own computational graph
/// (no tape, no allocation, no reflection), with one line per graph node.
/// </summary>
/// <example>
/// <code>
/// public static partial class Lecture
/// {
///     [Differentiate]
///     public static double Y(double x)
///     {
///         double y1 = 3 * x;
///         double y2 = y1 + 7;
///         double y3 = Math.Pow(y2, 3);
///         double y4 = Math.Log(y3);
///         return Math.Sin(y4);
///     }
/// }
///
/// var (y, dydx) = Lecture.YGradient(3);   // 0.894365948…, −0.251626533…
/// </code>
/// </example>
/// <remarks>
/// Supported: <c>+ − × ÷</c>, unary minus, numeric constants (literals, <c>const</c> fields,
/// <c>Math.PI</c>), parameters and locals, <c>Math</c>/<c>MathF</c> Sin, Cos, Tan, Asin, Acos, Atan,
/// Sinh, Cosh, Tanh, Exp, Log, Log10, Sqrt, Pow, Abs, Min, Max, conditional expressions (differentiated
/// along the branch taken; only that branch is evaluated), casts between float and double, and calls to
/// other <c>[Differentiate]</c> methods. Anything else is a compile-time diagnostic on the exact
/// sub-expression (NG0100–NG0103). The attribute is not kept in the compiled assembly unless
/// <c>NETGEN_KEEP_ATTRIBUTES</c> is defined.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
[Conditional("NETGEN_KEEP_ATTRIBUTES")]
public sealed class DifferentiateAttribute : Attribute
{
}

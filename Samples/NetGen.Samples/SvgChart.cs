using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;

namespace NetGen.Samples;

/// <summary>
/// Writes a training curve as a self-contained SVG file that any browser opens: the loss per epoch
/// (training and, when present, validation) on the left axis and the accuracy on the right axis.
/// </summary>
public static class SvgChart
{
    private const double Width = 800, Height = 420, Left = 70, Right = 70, Top = 50, Bottom = 50;

    /// <summary>One line of the chart.</summary>
    /// <param name="Name">The legend text.</param>
    /// <param name="Values">One value per epoch (NaN where there is none).</param>
    /// <param name="Color">An SVG colour.</param>
    /// <param name="OnRightAxis">Whether it is plotted against the right (accuracy, 0–100 %) axis.</param>
    public sealed record Series(string Name, IReadOnlyList<double> Values, string Color, bool OnRightAxis = false);

    /// <summary>Writes the chart to <paramref name="path"/> (creating its folder).</summary>
    public static void Write(string path, string title, IReadOnlyList<Series> series)
    {
        string? directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, Render(title, series));
    }

    /// <summary>The SVG document.</summary>
    public static string Render(string title, IReadOnlyList<Series> series)
    {
        int epochs = Math.Max(1, series.Max(s => s.Values.Count));
        double lossMax = series.Where(s => !s.OnRightAxis).SelectMany(s => s.Values).Where(double.IsFinite).DefaultIfEmpty(1).Max();
        lossMax = NiceCeiling(lossMax);
        bool hasRight = series.Any(s => s.OnRightAxis);
        double plotWidth = Width - Left - Right;
        double plotHeight = Height - Top - Bottom;
        double X(int epoch) => Left + (epochs == 1 ? plotWidth / 2 : plotWidth * (epoch - 1) / (epochs - 1));
        double YLeft(double v) => Top + plotHeight * (1 - v / lossMax);
        double YRight(double v) => Top + plotHeight * (1 - v);

        var svg = new StringBuilder();
        svg.Append(F($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" viewBox=\"0 0 {Width} {Height}\" font-family=\"sans-serif\" font-size=\"12\">\n"));
        svg.Append(F($"<rect width=\"{Width}\" height=\"{Height}\" fill=\"white\"/>\n"));
        svg.Append(F($"<text x=\"{Width / 2}\" y=\"24\" text-anchor=\"middle\" font-size=\"16\">{Escape(title)}</text>\n"));

        // Grid and axes: five steps on each axis.
        for (int i = 0; i <= 5; i++)
        {
            double y = Top + plotHeight * i / 5;
            svg.Append(F($"<line x1=\"{Left}\" y1=\"{y:0.#}\" x2=\"{Width - Right}\" y2=\"{y:0.#}\" stroke=\"#e5e5e5\"/>\n"));
            svg.Append(F($"<text x=\"{Left - 8}\" y=\"{y + 4:0.#}\" text-anchor=\"end\">{lossMax * (5 - i) / 5:0.###}</text>\n"));
            if (hasRight)
            {
                svg.Append(F($"<text x=\"{Width - Right + 8}\" y=\"{y + 4:0.#}\">{100 * (5 - i) / 5} %</text>\n"));
            }
        }

        svg.Append(F($"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        svg.Append(F($"<line x1=\"{Left}\" y1=\"{Height - Bottom}\" x2=\"{Width - Right}\" y2=\"{Height - Bottom}\" stroke=\"black\"/>\n"));
        int tickEvery = Math.Max(1, (int)Math.Ceiling(epochs / 10.0));
        for (int epoch = 1; epoch <= epochs; epoch++)
        {
            if ((epoch - 1) % tickEvery == 0 || epoch == epochs)
            {
                svg.Append(F($"<text x=\"{X(epoch):0.#}\" y=\"{Height - Bottom + 18}\" text-anchor=\"middle\">{epoch}</text>\n"));
            }
        }

        svg.Append(F($"<text x=\"{Left + plotWidth / 2}\" y=\"{Height - 10}\" text-anchor=\"middle\">epoch</text>\n"));
        svg.Append(F($"<text x=\"18\" y=\"{Top + plotHeight / 2}\" text-anchor=\"middle\" transform=\"rotate(-90 18 {Top + plotHeight / 2})\">loss</text>\n"));
        if (hasRight)
        {
            svg.Append(F($"<text x=\"{Width - 14}\" y=\"{Top + plotHeight / 2}\" text-anchor=\"middle\" transform=\"rotate(90 {Width - 14} {Top + plotHeight / 2})\">accuracy</text>\n"));
        }

        // The lines and the legend.
        int row = 0;
        foreach (Series line in series)
        {
            var points = new List<string>();
            for (int i = 0; i < line.Values.Count; i++)
            {
                double v = line.Values[i];
                if (double.IsFinite(v))
                {
                    double y = line.OnRightAxis ? YRight(Math.Clamp(v, 0, 1)) : YLeft(Math.Clamp(v, 0, lossMax));
                    points.Add(F($"{X(i + 1):0.##},{y:0.##}"));
                }
            }

            if (points.Count > 0)
            {
                svg.Append(F($"<polyline fill=\"none\" stroke=\"{line.Color}\" stroke-width=\"2\" points=\"{string.Join(" ", points)}\"/>\n"));
            }

            double ly = Top + plotHeight * 0.4 + 18 * row++; // mid-height: losses fall below it, accuracy rises above
            svg.Append(F($"<line x1=\"{Width - Right - 170}\" y1=\"{ly}\" x2=\"{Width - Right - 150}\" y2=\"{ly}\" stroke=\"{line.Color}\" stroke-width=\"2\"/>\n"));
            svg.Append(F($"<text x=\"{Width - Right - 144}\" y=\"{ly + 4}\">{Escape(line.Name)}</text>\n"));
        }

        svg.Append("</svg>\n");
        return svg.ToString();
    }

    /// <summary>The smallest of 1, 2, 2.5, 5 × 10ⁿ at or above <paramref name="value"/>.</summary>
    private static double NiceCeiling(double value)
    {
        if (!(value > 0))
        {
            return 1;
        }

        double power = Math.Pow(10, Math.Floor(Math.Log10(value)));
        foreach (double step in new[] { 1, 2, 2.5, 5, 10 })
        {
            if (step * power >= value)
            {
                return step * power;
            }
        }

        return 10 * power;
    }

    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

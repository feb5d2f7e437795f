// Checks the docs site docfx built (build/check-docs.sh): every link in the generated pages to a local
// file resolves (href and src in each .html, href/topicHref/tocHref in each toc.json), every #anchor
// into a local page names an id of that page, and the anchors given on the command line exist
// (the generator's help links: docs/diagnostics.html#ng0001 …). Links to other hosts are not fetched.
// Usage: dotnet run -- <site folder> [page#anchor …]. Prints what it checked; exit code 0 when all hold.
using System.Net;
using System.Text.RegularExpressions;

if (args.Length < 1 || !Directory.Exists(args[0]))
{
    Console.Error.WriteLine("usage: CheckSite <site folder> [page#anchor …]");
    return 2;
}
string site = Path.GetFullPath(args[0]);
var problems = new List<string>();
var idsByPage = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
int pages = 0, links = 0, anchors = 0;

var htmlLink = new Regex("\\s(?:href|src)=\"([^\"]*)\"", RegexOptions.CultureInvariant);
var tocLink = new Regex("\"(?:href|topicHref|tocHref)\":\"([^\"]*)\"", RegexOptions.CultureInvariant);
foreach (string file in Directory.EnumerateFiles(site, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
{
    bool html = file.EndsWith(".html", StringComparison.Ordinal);
    bool toc = Path.GetFileName(file) == "toc.json";
    if (!html && !toc) continue;
    if (html) pages++;
    string text = File.ReadAllText(file);
    foreach (Match match in (html ? htmlLink : tocLink).Matches(text))
    {
        string link = WebUtility.HtmlDecode(match.Groups[1].Value);
        if (link.Length == 0 || IsExternal(link)) continue;
        links++;
        CheckLink(file, link);
    }
}
foreach (string required in args.Skip(1))
{
    int before = problems.Count;
    CheckLink(Path.Combine(site, "index.html"), required);
    if (problems.Count == before) Console.WriteLine($"anchor {required}: ok");
}
Console.WriteLine($"{pages} pages, {links} local links, {anchors} of them to an anchor");
foreach (string problem in problems.Take(50)) Console.WriteLine(problem);
if (problems.Count > 50) Console.WriteLine($"… and {problems.Count - 50} more");
return problems.Count == 0 ? 0 : 1;

void CheckLink(string from, string link)
{
    int hash = link.IndexOf('#', StringComparison.Ordinal);
    string path = hash < 0 ? link : link[..hash];
    string fragment = hash < 0 ? "" : Uri.UnescapeDataString(link[(hash + 1)..]);
    int query = path.IndexOf('?', StringComparison.Ordinal);
    if (query >= 0) path = path[..query];
    string target = path.Length == 0
        ? from
        : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(from)!, Uri.UnescapeDataString(path)));
    if (Directory.Exists(target)) target = Path.Combine(target, "index.html");
    string where = Path.GetRelativePath(site, from);
    if (!target.StartsWith(site + Path.DirectorySeparatorChar, StringComparison.Ordinal) && target != site)
    {
        problems.Add($"{where}: {link} points outside the site");
        return;
    }
    if (!File.Exists(target))
    {
        problems.Add($"{where}: {link} does not resolve ({Path.GetRelativePath(site, target)} is missing)");
        return;
    }
    if (fragment.Length == 0 || !target.EndsWith(".html", StringComparison.Ordinal)) return;
    anchors++;
    if (!Ids(target).Contains(fragment))
        problems.Add($"{where}: {link}: {Path.GetRelativePath(site, target)} has no id \"{fragment}\"");
}

HashSet<string> Ids(string page)
{
    if (!idsByPage.TryGetValue(page, out HashSet<string>? ids))
    {
        ids = Regex.Matches(File.ReadAllText(page), "\\s(?:id|name)=\"([^\"]*)\"", RegexOptions.CultureInvariant)
            .Select(m => WebUtility.HtmlDecode(m.Groups[1].Value))
            .ToHashSet(StringComparer.Ordinal);
        idsByPage[page] = ids;
    }
    return ids;
}

static bool IsExternal(string link) =>
    link.StartsWith("//", StringComparison.Ordinal) || Regex.IsMatch(link, "^[A-Za-z][A-Za-z0-9+.-]*:", RegexOptions.CultureInvariant);

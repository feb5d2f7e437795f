using System;
using System.Collections.Generic;
using System.Diagnostics.Tracing;
using System.Globalization;
using System.Linq;

namespace NetGen.Benchmarks.RealData;

/// <summary>
/// With NETGEN_JIT_LOG=1: listens to the runtime's JIT events in process (MethodJittingStarted → MethodLoadVerbose)
/// and, at the end, prints to stderr every method compiled with its compile time, longest first. The listener
/// itself slows the JIT a little; read the times as shares, not as the fresh-process figure.
/// </summary>
internal sealed class JitLog : EventListener
{
    private readonly Dictionary<long, (DateTime Start, string Name)> started = new();
    private readonly List<(double Ms, string Name, string Tier)> done = new();
    private readonly object gate = new();
    public bool Recording { get; set; }

    protected override void OnEventSourceCreated(EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
        {
            EnableEvents(source, EventLevel.Verbose, (EventKeywords)0x10); // JIT keyword
        }
    }

    protected override void OnEventWritten(EventWrittenEventArgs e)
    {
        if (!Recording || e.Payload is null || e.PayloadNames is null)
        {
            return;
        }

        lock (gate)
        {
            if (e.EventName == "MethodJittingStarted_V1")
            {
                long id = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("MethodID")], CultureInfo.InvariantCulture);
                string name = $"{e.Payload[e.PayloadNames.IndexOf("MethodNamespace")]}::{e.Payload[e.PayloadNames.IndexOf("MethodName")]}";
                started[id] = (e.TimeStamp, name);
            }
            else if (e.EventName is "MethodLoadVerbose_V1" or "MethodLoadVerbose_V2")
            {
                long id = Convert.ToInt64(e.Payload[e.PayloadNames.IndexOf("MethodID")], CultureInfo.InvariantCulture);
                if (started.Remove(id, out var s))
                {
                    int flags = Convert.ToInt32(e.Payload[e.PayloadNames.IndexOf("MethodFlags")], CultureInfo.InvariantCulture);
                    int tier = (flags >> 7) & 7;
                    done.Add(((e.TimeStamp - s.Start).TotalMilliseconds, s.Name, tier.ToString(CultureInfo.InvariantCulture)));
                }
            }
        }
    }

    public void Print()
    {
        lock (gate)
        {
            Console.Error.WriteLine($"{done.Count} methods, {done.Sum(d => d.Ms):F1} ms");
            foreach (var d in done.OrderByDescending(d => d.Ms))
            {
                string name = d.Name.Length > 160 ? d.Name[..160] : d.Name;
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{d.Ms,8:F2} ms  tier {d.Tier}  {name}"));
            }
        }
    }
}

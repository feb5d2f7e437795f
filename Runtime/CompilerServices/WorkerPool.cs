using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.ExceptionServices;
using System.Threading;

namespace NetGen.CompilerServices;

/// <summary>
/// The threads that data-parallel training (<c>[Network(Threads = N)]</c>) runs on: background
/// threads created on first use and shared by every network, so a step allocates nothing and starts
/// no thread. One call at a time: concurrent calls from several networks take turns.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class WorkerPool
{
    private static readonly object Gate = new();
    private static readonly CountdownEvent Done = new(1);
    private static Worker[] _workers = Array.Empty<Worker>();
    private static Action<int>? _work;
    private static ExceptionDispatchInfo? _failure;

    /// <summary>Runs <paramref name="work"/>(0 … <paramref name="parts"/> − 1), part 0 on the calling thread, and waits for all.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="parts"/> is not in 1..64.</exception>
    public static void Run(Action<int> work, int parts)
    {
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThan(parts, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(parts, 64);
        if (parts == 1)
        {
            work(0);
            return;
        }

        lock (Gate)
        {
            EnsureWorkers(parts - 1);
            _work = work;
            _failure = null;
            Done.Reset(parts - 1);
            for (int i = 0; i < parts - 1; i++)
            {
                _workers[i].Start.Release();
            }

            try
            {
                work(0);
            }
            finally
            {
                SpinUntilDone();
                Done.Wait();
                _work = null;
            }

            _failure?.Throw();
        }
    }

    /// <summary>How long a waiting thread spins before it blocks (measured: see docs/benchmarks-peers.md).</summary>
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    /// <summary>Spins until every worker has signalled <see cref="Done"/>, or the spin time ends.</summary>
    private static void SpinUntilDone()
    {
        long start = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (!Done.IsSet && Stopwatch.GetTimestamp() - start <= SpinTicks)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    /// <summary>Spins until the semaphore can be taken (and takes it), or the spin time ends (false).</summary>
    private static bool SpinUntilStarted(SemaphoreSlim start)
    {
        long begin = Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (!start.Wait(0))
        {
            if (Stopwatch.GetTimestamp() - begin > SpinTicks)
            {
                return false;
            }

            spinner.SpinOnce(sleep1Threshold: -1);
        }

        return true;
    }

    private static void EnsureWorkers(int count)
    {
        if (_workers.Length >= count)
        {
            return;
        }

        var workers = new Worker[count];
        Array.Copy(_workers, workers, _workers.Length);
        for (int i = _workers.Length; i < count; i++)
        {
            workers[i] = new Worker(i + 1);
        }

        _workers = workers;
    }

    private sealed class Worker
    {
        public readonly SemaphoreSlim Start = new(0);
        private readonly int _part;

        public Worker(int part)
        {
            _part = part;
            new Thread(Loop) { IsBackground = true, Name = $"NetGen worker {part}" }.Start();
        }

        private void Loop()
        {
            while (true)
            {
                // Spin briefly before sleeping: training calls Run again within microseconds, and
                // waking a sleeping thread costs tens of microseconds (more in a virtual machine),
                // as much as a whole step of a mid-sized network.
                if (!SpinUntilStarted(Start))
                {
                    Start.Wait();
                }

                try
                {
                    _work!(_part);
                }
                catch (Exception ex)
                {
                    _failure = ExceptionDispatchInfo.Capture(ex);
                }
                finally
                {
                    Done.Signal();
                }
            }
        }
    }
}

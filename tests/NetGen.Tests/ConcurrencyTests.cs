using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Threading;
using NetGen;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>
    /// Predict and PredictBatch called at the same time from several threads on one instance give, bit
    /// for bit, what one thread gives, for every strategy, for networks whose scratch is too large for
    /// the stack, and for imported, embedded and data-parallel networks; after its first calls a thread
    /// allocates nothing. <c>NETGEN_CONCURRENCY_ROUNDS</c> (default 20) sets the length of the run.
    /// </summary>
    public class ConcurrencyTests
    {
        /// <summary>Rows of the shared input set: past two 64-row chunks of PredictBatch.</summary>
        private const int Rows = 130;

        /// <summary>The PredictBatch calls: rows [0, count), one, a few, a whole chunk, a chunk and one, the lot.</summary>
        private static readonly int[] BatchCounts = { 1, 3, 64, 65, Rows };

        private const int PredictsPerRound = 12;
        private const int BatchesPerRound = 2;

        public static TheoryData<string> Networks() => new()
        {
            "iris 4-16-3 (unrolled)", "size 9 (CodeGen.Unrolled)", "size 20 (loops)", "size 20 (SIMD)", "mnist 784-128-10 (SIMD)",
            "imported ONNX", "embedded weights", "Threads = 3", "8-9000-2 (heap scratch)", "4-9000-2 trainable (heap scratch)",
            "2-9000-2 loops (heap scratch)", "784-512-512-10", "custom activations (SIMD, 2 threads)", "custom activation, inference only",
        };

        private static INeuralNetwork Create(string name) => name switch
        {
            "iris 4-16-3 (unrolled)" => new NetGen.Samples.IrisNet(),
            "size 9 (CodeGen.Unrolled)" => Strategies.StrategyCases.All[8].Unrolled!(),
            "size 20 (loops)" => Strategies.StrategyCases.All[19].Loops(),
            "size 20 (SIMD)" => Strategies.StrategyCases.All[19].Simd(),
            "mnist 784-128-10 (SIMD)" => new NetGen.Samples.MnistNet(),
            "imported ONNX" => new ImportedDeep(),
            "embedded weights" => new EmbeddedXor(),
            "Threads = 3" => new Threading.ThreeThreads(),
            "8-9000-2 (heap scratch)" => new WideInferenceOnly(),
            "4-9000-2 trainable (heap scratch)" => new Concurrency.WideTrainable(),
            "2-9000-2 loops (heap scratch)" => new Concurrency.WideLoops(),
            "784-512-512-10" => new Concurrency.Large(),
            "custom activations (SIMD, 2 threads)" => new CustomDropoutL2SimdThreads(),
            "custom activation, inference only" => new CustomInferenceOnly(),
            _ => throw new ArgumentException(name),
        };

        private static int Rounds =>
            int.TryParse(Environment.GetEnvironmentVariable("NETGEN_CONCURRENCY_ROUNDS"), out int rounds) && rounds > 0 ? rounds : 20;

        [Theory]
        [MemberData(nameof(Networks))]
        public void ConcurrentPredictionsEqualOneThreadsBitForBitAndAllocateNothing(string name)
        {
            INeuralNetwork net = Create(name);
            int inputSize = net.InputSize, outputSize = net.OutputSize;
            var random = new SeededRandom(name.Length);
            float[] inputs = new float[Rows * inputSize];
            for (int i = 0; i < inputs.Length; i++)
            {
                inputs[i] = 2f * random.NextSingle() - 1f;
            }

            // One thread first: the expected bits of every call the threads will make.
            float[] single = new float[Rows * outputSize];
            for (int s = 0; s < Rows; s++)
            {
                net.Predict(inputs.AsSpan(s * inputSize, inputSize), single.AsSpan(s * outputSize, outputSize));
            }

            var batched = new float[BatchCounts.Length][];
            for (int b = 0; b < BatchCounts.Length; b++)
            {
                batched[b] = new float[BatchCounts[b] * outputSize];
                net.PredictBatch(inputs.AsSpan(0, BatchCounts[b] * inputSize), batched[b], BatchCounts[b]);
            }

            int threads = Math.Max(4, Environment.ProcessorCount);
            int rounds = Rounds;
            // Small networks take more calls per round (about 20,000 parameters' worth), so that the
            // threads' calls overlap for more than the moment the barrier releases them.
            int repeats = Math.Clamp(20_000 / net.ParameterCount, 1, 256);
            int callsPerRound = repeats * (PredictsPerRound + BatchesPerRound);
            using var barrier = new Barrier(threads);
            long predictCalls = 0, predictWrong = 0, batchCalls = 0, batchWrong = 0, wrongValues = 0;
            var allocated = new long[threads];
            var failures = new List<Exception>();
            var workers = new Thread[threads];
            for (int t = 0; t < threads; t++)
            {
                int thread = t;
                workers[t] = new Thread(() =>
                {
                    try
                    {
                        float[] output = new float[Rows * outputSize];
                        // This thread's first calls may allocate its scratch; none after.
                        net.Predict(inputs.AsSpan(0, inputSize), output.AsSpan(0, outputSize));
                        net.PredictBatch(inputs, output, Rows);
                        // The fewest bytes of any round (as Allocations.Fewest): code that allocates per call shows in
                        // every round; the runtime's one-off allocations on this thread (tiered recompilation,
                        // on-stack replacement) do not fail the test. Seen once in ~20 full runs on a loaded machine.
                        long fewest = long.MaxValue;
                        for (int round = 0; round < rounds; round++)
                        {
                            long bytes = 0;
                            barrier.SignalAndWait();
                            for (int call = 0; call < callsPerRound; call++)
                            {
                                // Threads interleave the two calls differently, on different rows.
                                bool batch = (call + thread) % (PredictsPerRound / BatchesPerRound + 1) == 0;
                                if (batch)
                                {
                                    int b = (round + call + thread) % BatchCounts.Length;
                                    int count = BatchCounts[b];
                                    Span<float> actual = output.AsSpan(0, count * outputSize);
                                    long before = GC.GetAllocatedBytesForCurrentThread();
                                    net.PredictBatch(inputs.AsSpan(0, count * inputSize), actual, count);
                                    bytes += GC.GetAllocatedBytesForCurrentThread() - before;
                                    Interlocked.Increment(ref batchCalls);
                                    int wrong = Differences(actual, batched[b]);
                                    if (wrong > 0)
                                    {
                                        Interlocked.Increment(ref batchWrong);
                                        Interlocked.Add(ref wrongValues, wrong);
                                    }
                                }
                                else
                                {
                                    int s = (round * 31 + call * 7 + thread * 13) % Rows;
                                    Span<float> actual = output.AsSpan(0, outputSize);
                                    long before = GC.GetAllocatedBytesForCurrentThread();
                                    net.Predict(inputs.AsSpan(s * inputSize, inputSize), actual);
                                    bytes += GC.GetAllocatedBytesForCurrentThread() - before;
                                    Interlocked.Increment(ref predictCalls);
                                    int wrong = Differences(actual, single.AsSpan(s * outputSize, outputSize));
                                    if (wrong > 0)
                                    {
                                        Interlocked.Increment(ref predictWrong);
                                        Interlocked.Add(ref wrongValues, wrong);
                                    }
                                }
                            }

                            fewest = Math.Min(fewest, bytes);
                        }

                        allocated[thread] = fewest;
                    }
                    catch (Exception e)
                    {
                        lock (failures)
                        {
                            failures.Add(e);
                        }

                        barrier.RemoveParticipant();
                    }
                });
                workers[t].Start();
            }

            foreach (Thread worker in workers)
            {
                worker.Join();
            }

            if (failures.Count > 0)
            {
                throw new AggregateException(failures);
            }

            Assert.Equal(threads * rounds * repeats * PredictsPerRound, predictCalls);
            Assert.Equal(threads * rounds * repeats * BatchesPerRound, batchCalls);
            Assert.True(predictWrong == 0 && batchWrong == 0,
                $"{name}, {threads} threads: {predictWrong:N0} of {predictCalls:N0} Predict calls and {batchWrong:N0} of {batchCalls:N0} PredictBatch calls " +
                $"differ from one thread's ({wrongValues:N0} values)");
            Assert.True(Array.TrueForAll(allocated, b => b == 0), $"{name}: every round of some thread allocated (fewest bytes per thread: {string.Join(", ", allocated)})");
        }

        /// <summary>How many values differ from the expected ones in their bits.</summary>
        private static int Differences(ReadOnlySpan<float> actual, ReadOnlySpan<float> expected)
        {
            ReadOnlySpan<int> a = MemoryMarshal.Cast<float, int>(actual), e = MemoryMarshal.Cast<float, int>(expected);
            int wrong = 0;
            for (int i = 0; i < a.Length; i++)
            {
                if (a[i] != e[i])
                {
                    wrong++;
                }
            }

            return wrong;
        }
    }
}

namespace NetGen.Tests.Concurrency
{
    /// <summary>Predict's scratch (2 × 9,002 floats) exceeds the stack limit; trainable, so it also has batch buffers.</summary>
    [Network(Inputs = 4, Seed = 31)]
    [Dense(9000, Activation.ReLU)]
    [Dense(2, Activation.Identity)]
    [Training(Loss.MeanSquaredError, Optimizer.Sgd, BatchSize = 2)]
    public partial class WideTrainable { }

    /// <summary>A heap-scratch network in scalar loops.</summary>
    [Network(Inputs = 2, Seed = 32, CodeGen = CodeGen.Loops)]
    [Dense(9000, Activation.Tanh)]
    [Dense(2, Activation.Identity)]
    public partial class WideLoops { }

    /// <summary>The largest shape of the benchmarks: PredictBatch's chunk buffers hold 64 × 2,068 floats.</summary>
    [Network(Inputs = 784, Seed = 33)]
    [Dense(512, Activation.ReLU)]
    [Dense(512, Activation.ReLU)]
    [Dense(10, Activation.Softmax)]
    public partial class Large { }
}

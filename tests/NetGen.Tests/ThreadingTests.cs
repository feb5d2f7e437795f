using System;
using System.Linq;
using NetGen;
using Xunit;

namespace NetGen.Tests
{
    /// <summary>Runs alone: the allocation test counts every thread of the process.</summary>
    [CollectionDefinition(nameof(SerialCollection), DisableParallelization = true)]
    public class SerialCollection
    {
    }

    /// <summary>Data-parallel training: [Network(Threads = N)] agrees with one thread, is deterministic, allocates nothing.</summary>
    [Collection(nameof(SerialCollection))]
    public class ThreadingTests
    {
        [Fact]
        public void ThreadedGradientsEqualSingleThreadedOnes()
        {
            var single = new Threading.OneThread();
            var threaded = new Threading.ThreeThreads();
            Assert.Equal(3, Threading.ThreeThreads.Threads);
            Assert.Equal(single.Parameters.ToArray(), threaded.Parameters.ToArray());
            var random = new SeededRandom(5);
            for (int count = 1; count <= Threading.OneThread.BatchSize; count++)
            {
                float[] inputs = Enumerable.Range(0, count * 20).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
                float[] targets = new float[count * 10];
                for (int s = 0; s < count; s++)
                {
                    targets[s * 10 + random.NextInt32(10)] = 1;
                }

                float expected = single.ComputeLossAndGradients(inputs, targets, count);
                float actual = threaded.ComputeLossAndGradients(inputs, targets, count);
                Assert.Equal(expected, actual, 5);
                float[] g1 = single.Gradients.ToArray();
                float[] g3 = threaded.Gradients.ToArray();
                for (int i = 0; i < g1.Length; i++)
                {
                    // The chunks' partial sums are added in another order than one thread's running sum.
                    Assert.True(Math.Abs(g1[i] - g3[i]) <= 1e-6f + 1e-5f * Math.Abs(g1[i]), $"count {count}, gradient {i}: {g3[i]} vs {g1[i]}");
                }
            }
        }

        [Fact]
        public void ThreadedTrainingIsDeterministicAndAllocatesNothing()
        {
            var a = new Threading.ThreeThreads();
            var b = new Threading.ThreeThreads();
            var random = new SeededRandom(6);
            float[] inputs = Enumerable.Range(0, 13 * 20).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
            float[] targets = Enumerable.Range(0, 13 * 10).Select(i => i % 11 == 0 ? 1f : 0f).ToArray();
            for (int i = 0; i < 5; i++)
            {
                a.TrainBatch(inputs, targets, 13);
                b.TrainBatch(inputs, targets, 13);
            }

            // Let tiered compilation finish first: promoting methods to tier 1 (after 30 calls and a
            // 100 ms quiet period) allocates on the runtime's threads, which the process-wide count sees.
            var warm = new Threading.ThreeThreads();
            for (int round = 0; round < 3; round++)
            {
                for (int i = 0; i < 200; i++)
                {
                    warm.TrainBatch(inputs, targets, 13);
                }

                System.Threading.Thread.Sleep(150);
            }

            // The fewest bytes of three rounds: a step that allocates shows in every round, the runtime's
            // own one-off work (a late tier-up, seen once on a loaded machine) in one at most.
            long allocated = long.MaxValue;
            for (int round = 0; round < 3; round++)
            {
                long before = GC.GetTotalAllocatedBytes(precise: true);
                for (int i = 0; i < 500; i++)
                {
                    a.TrainBatch(inputs, targets, 13);
                }

                allocated = Math.Min(allocated, GC.GetTotalAllocatedBytes(precise: true) - before);
                for (int i = 0; i < 500; i++)
                {
                    b.TrainBatch(inputs, targets, 13);
                }
            }

            Assert.Equal(a.Parameters.ToArray(), b.Parameters.ToArray());
            // Every thread of the process counts here (this collection runs alone, but the runtime's own
            // threads may allocate a little): allow 4 KB, far below one 24-byte object per step (12 KB).
            Assert.InRange(allocated, 0, 4096);
        }

        [Fact]
        public void ThreadedNetworksLearn()
        {
            var network = new Threading.ThreeThreads();
            var random = new SeededRandom(7);
            float[] inputs = Enumerable.Range(0, 13 * 20).Select(_ => 2f * random.NextSingle() - 1f).ToArray();
            float[] targets = Enumerable.Range(0, 13 * 10).Select(i => i % 11 == 0 ? 1f : 0f).ToArray();
            float first = network.TrainBatch(inputs, targets, 13);
            float last = first;
            for (int i = 0; i < 200; i++)
            {
                last = network.TrainBatch(inputs, targets, 13);
            }

            Assert.True(last < first / 4, $"loss {first} → {last}");
        }
    }
}

namespace NetGen.Tests.Threading
{
    [Network(Inputs = 20, Seed = 90)]
    [Dense(64, Activation.ReLU)]
    [Dense(10, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 13)]
    public partial class OneThread { }

    [Network(Inputs = 20, Seed = 90, Threads = 3)]
    [Dense(64, Activation.ReLU)]
    [Dense(10, Activation.Softmax)]
    [Training(Loss.CrossEntropy, Optimizer.Adam, LearningRate = 0.01f, BatchSize = 13)]
    public partial class ThreeThreads { }
}

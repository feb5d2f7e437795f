using System;
using System.IO;

namespace NetGen.Models;

/// <summary>
/// Saves a network's parameters (and optionally its optimizer state) to a model file and loads them
/// back. The format and its guarantees are described in docs/model-format.md.
/// </summary>
/// <remarks>
/// <para>
/// A file records the architecture, its fingerprint, the input, output and parameter counts and a
/// CRC-32 of its contents. <see cref="Load(INeuralNetwork, Stream)"/> refuses, with an
/// <see cref="InvalidDataException"/> that says what differs, a file of another architecture, a
/// truncated or corrupted file, a file of a newer format and anything that is not a model file. It
/// reads and checks the whole file before it changes the network, so a failed load leaves the
/// network exactly as it was.
/// </para>
/// <para>
/// Saving to a path is atomic: the file is written to a temporary file in the same directory,
/// flushed to disk and renamed over the target, so an interrupted save never leaves a partial file
/// and never destroys the previous one. A save keeps what the replaced file was: its permission bits
/// and (on Linux) its owner and group, or it refuses; it follows a symbolic link to the file it
/// points to; it refuses a target that is not a regular file (a directory, FIFO or device); and it
/// removes the stale temporary files of earlier saves that were killed.
/// </para>
/// <para>
/// The learning rate is not saved: it is the declared value or whatever a schedule sets it to.
/// Nothing here uses reflection; networks are reached through <see cref="INeuralNetwork"/> and
/// <see cref="ITrainableNetwork"/> only.
/// </para>
/// </remarks>
public static class ModelFile
{
    /// <summary>The format version this runtime writes, and the newest it reads.</summary>
    public const int FormatVersion = ModelFileFormat.Version;

    private const string StreamSubject = "The model file";

    /// <summary>Writes <paramref name="network"/>'s parameters, and optionally its optimizer state, to <paramref name="stream"/>.</summary>
    /// <param name="network">The network to save.</param>
    /// <param name="stream">A writable stream; the file is written at its current position, and the stream is flushed, not closed.</param>
    /// <param name="includeOptimizerState">
    /// Also save the optimizer, its state and <see cref="ITrainableNetwork.Step"/>, so that training
    /// can resume exactly where it stopped. Only for an <see cref="ITrainableNetwork"/>.
    /// </param>
    /// <remarks>Not atomic: if the stream fails part way, it holds part of a file. Saving to a path is atomic.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="stream"/> is not writable, or <paramref name="includeOptimizerState"/> is true for
    /// a network that is not an <see cref="ITrainableNetwork"/>.
    /// </exception>
    public static void Save(INeuralNetwork network, Stream stream, bool includeOptimizerState = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        ITrainableNetwork? optimizer = CheckOptimizerState(network, includeOptimizerState);
        if (!stream.CanWrite)
        {
            throw new ArgumentException("The stream is not writable.", nameof(stream));
        }

        ModelFileFormat.Write(network, optimizer, stream);
    }

    /// <summary>
    /// Writes <paramref name="network"/>'s parameters, and optionally its optimizer state, to the file at
    /// <paramref name="path"/>, atomically: a crash or an error part way never leaves a partial file
    /// and never destroys the file that was there.
    /// </summary>
    /// <param name="network">The network to save.</param>
    /// <param name="path">The file to create or replace.</param>
    /// <param name="includeOptimizerState">
    /// Also save the optimizer, its state and <see cref="ITrainableNetwork.Step"/>, so that training
    /// can resume exactly where it stopped. Only for an <see cref="ITrainableNetwork"/>.
    /// </param>
    /// <remarks>
    /// <para>
    /// A symbolic link is followed: the file it points to is replaced and the link stays. A target
    /// that exists and is not a regular file (a directory, a FIFO, a device, a socket, or a link to
    /// one) is refused with an <see cref="IOException"/> and left alone.
    /// </para>
    /// <para>
    /// The file is written to <c>.netgen-&lt;process id&gt;-&lt;8 hex digits&gt;.tmp</c> in the target's
    /// directory (a short name, so any legal file name can be saved), created exclusively and locked
    /// for the whole save, readable by its owner only while it is written; flushed to disk
    /// (<see cref="FileStream.Flush(bool)"/>), then renamed over the target
    /// (<see cref="File.Move(string, string, bool)"/>, an atomic rename within one directory). When
    /// it replaces a file, it first gets that file's permission bits and, on Linux, its owner and
    /// group; if the process may not give it that owner or group, the save is refused with an
    /// <see cref="UnauthorizedAccessException"/> rather than change who may read the file. If
    /// anything fails, the temporary file is deleted and the exception propagates; the previous file
    /// is untouched.
    /// </para>
    /// <para>
    /// Before writing, the save deletes stale temporary files of earlier saves in that directory:
    /// unlocked, and either left by a process that is gone and at least 10 seconds old, or at least an hour old
    /// (Linux and Windows; a temporary that a running save holds is never deleted).
    /// </para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// <paramref name="path"/> is empty, or <paramref name="includeOptimizerState"/> is true for a network
    /// that is not an <see cref="ITrainableNetwork"/>.
    /// </exception>
    /// <exception cref="IOException">
    /// The target is not a regular file, or the file system failed; the previous file is intact.
    /// </exception>
    /// <exception cref="UnauthorizedAccessException">
    /// The directory or the file may not be written, or the process may not give the new file the
    /// owner and group of the file it replaces; the previous file is intact.
    /// </exception>
    public static void Save(INeuralNetwork network, string path, bool includeOptimizerState = false)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        ITrainableNetwork? optimizer = CheckOptimizerState(network, includeOptimizerState);
        WriteAtomically(path, stream => ModelFileFormat.Write(network, optimizer, stream));
    }

    /// <summary>
    /// Reads a model file from <paramref name="stream"/> into <paramref name="network"/>, after checking
    /// all of it: nothing in the network changes unless the whole file is valid and fits.
    /// </summary>
    /// <param name="network">The network to load into; it must have the architecture the file was saved with.</param>
    /// <param name="stream">A readable stream, read from its current position to its end (the file must be all that follows).</param>
    /// <remarks>
    /// <para>The parameters are always loaded. The optimizer state is handled as follows:</para>
    /// <list type="bullet">
    /// <item><description>The file holds optimizer state, and the network is an <see cref="ITrainableNetwork"/>
    /// declared with the same <see cref="ITrainableNetwork.Optimizer"/>: the state is restored and
    /// <see cref="ITrainableNetwork.RestoreStep(long)"/> sets the saved step, so training resumes exactly.</description></item>
    /// <item><description>The file holds optimizer state, but the network is inference-only or was declared
    /// with another optimizer: the state is ignored; the network's own optimizer state and step are untouched.</description></item>
    /// <item><description>The file holds no optimizer state: the network's optimizer state and step are untouched.</description></item>
    /// </list>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">
    /// The data is not a NetGen model file, has a newer format version, is truncated, corrupted
    /// (checksum mismatch) or followed by trailing bytes, or was saved by a network of another
    /// architecture, shape, parameter count or optimizer state length. The message says what differs;
    /// the network is unchanged.
    /// </exception>
    public static void Load(INeuralNetwork network, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentNullException.ThrowIfNull(stream);
        ArraySegment<byte> data = ReadToEnd(stream);
        LoadCore(network, data, StreamSubject);
    }

    /// <summary>
    /// Reads the model file at <paramref name="path"/> into <paramref name="network"/>, after checking all
    /// of it: nothing in the network changes unless the whole file is valid and fits.
    /// </summary>
    /// <param name="network">The network to load into; it must have the architecture the file was saved with.</param>
    /// <param name="path">The model file.</param>
    /// <remarks>The optimizer state is handled as described for <see cref="Load(INeuralNetwork, Stream)"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="network"/> or <paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidDataException">
    /// As for <see cref="Load(INeuralNetwork, Stream)"/>; the message names the file.
    /// </exception>
    /// <exception cref="IOException">The file cannot be read (for example <see cref="FileNotFoundException"/>).</exception>
    public static void Load(INeuralNetwork network, string path)
    {
        ArgumentNullException.ThrowIfNull(network);
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] data = File.ReadAllBytes(path);
        LoadCore(network, data, PathSubject(path));
    }

    /// <summary>Reads and checks a model file from <paramref name="stream"/> and describes it, without a network.</summary>
    /// <param name="stream">A readable stream, read from its current position to its end.</param>
    /// <returns>The header of a file that passed every check <see cref="Load(INeuralNetwork, Stream)"/> makes on the file itself.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="stream"/> is not readable.</exception>
    /// <exception cref="InvalidDataException">
    /// The data is not a NetGen model file, has a newer format version, is truncated, corrupted or
    /// followed by trailing bytes.
    /// </exception>
    public static ModelInfo ReadInfo(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArraySegment<byte> data = ReadToEnd(stream);
        return ModelFileFormat.Parse(data, StreamSubject).Info;
    }

    /// <summary>Reads and checks the model file at <paramref name="path"/> and describes it, without a network.</summary>
    /// <param name="path">The model file.</param>
    /// <returns>The header of a file that passed every check <see cref="Load(INeuralNetwork, string)"/> makes on the file itself.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty.</exception>
    /// <exception cref="InvalidDataException">As for <see cref="ReadInfo(Stream)"/>; the message names the file.</exception>
    /// <exception cref="IOException">The file cannot be read (for example <see cref="FileNotFoundException"/>).</exception>
    public static ModelInfo ReadInfo(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] data = File.ReadAllBytes(path);
        return ModelFileFormat.Parse(data, PathSubject(path)).Info;
    }

    /// <summary>
    /// Creates or replaces the file at <paramref name="path"/> with what <paramref name="write"/> writes,
    /// atomically (<see cref="AtomicFile.Write"/>): to a temporary file in the same directory, flushed
    /// to disk, then renamed over the target. If <paramref name="write"/>, the flush or the rename
    /// throws, the temporary file is deleted, the previous file is untouched and the exception propagates.
    /// </summary>
    /// <remarks>Separate from <see cref="Save(INeuralNetwork, string, bool)"/> so tests can make the write step fail.</remarks>
    internal static void WriteAtomically(string path, Action<Stream> write) => AtomicFile.Write(path, write);

    private static ITrainableNetwork? CheckOptimizerState(INeuralNetwork network, bool includeOptimizerState)
    {
        if (!includeOptimizerState)
        {
            return null;
        }

        return network as ITrainableNetwork ?? throw new ArgumentException(
            ModelFileFormat.Invariant(
                $"includeOptimizerState is true, but the network '{network.Architecture}' is inference-only (not an ITrainableNetwork): it has no optimizer state to save."),
            nameof(includeOptimizerState));
    }

    private static void LoadCore(INeuralNetwork network, ReadOnlySpan<byte> data, string subject)
    {
        ParsedModelFile file = ModelFileFormat.Parse(data, subject);
        ModelInfo info = file.Info;

        // Every comparison happens before the first write to the network.
        string architecture = network.Architecture;
        ulong fingerprint = network.ArchitectureFingerprint;
        if (info.ArchitectureFingerprint != fingerprint || !string.Equals(info.Architecture, architecture, StringComparison.Ordinal))
        {
            throw new InvalidDataException(ModelFileFormat.Invariant(
                $"{subject} was saved by a network with architecture '{info.Architecture}' (fingerprint 0x{info.ArchitectureFingerprint:X16}), but this network is '{architecture}' (0x{fingerprint:X16})."));
        }

        if (info.InputSize != network.InputSize || info.OutputSize != network.OutputSize)
        {
            throw new InvalidDataException(ModelFileFormat.Invariant(
                $"{subject} was saved by a network with {info.InputSize} inputs and {info.OutputSize} outputs, but this network has {network.InputSize} inputs and {network.OutputSize} outputs."));
        }

        if (info.ParameterCount != network.ParameterCount)
        {
            throw new InvalidDataException(ModelFileFormat.Invariant(
                $"{subject} holds {info.ParameterCount} parameters, but this network has {network.ParameterCount}."));
        }

        Span<float> parameters = network.Parameters;
        if (parameters.Length != info.ParameterCount)
        {
            throw new ArgumentException(
                ModelFileFormat.Invariant($"The network's Parameters hold {parameters.Length} values, but its ParameterCount is {network.ParameterCount}."),
                nameof(network));
        }

        InputScaling declared = network is IInputScaled scaled ? scaled.InputScaling : InputScaling.None;
        if (info.InputScaling != declared)
        {
            throw new InvalidDataException(ModelFileFormat.Invariant(
                $"{subject} was saved with input scaling {info.InputScaling}, but this network declares {declared}: [Network(InputScaling = …)] must match the network that saved the file."));
        }

        ITrainableNetwork? restore = null;
        Span<float> state = default;
        if (info.HasOptimizerState && network is ITrainableNetwork trainable && trainable.Optimizer == info.Optimizer)
        {
            state = trainable.OptimizerState;
            if (state.Length != info.OptimizerStateLength)
            {
                throw new InvalidDataException(ModelFileFormat.Invariant(
                    $"{subject} holds {info.OptimizerStateLength} values of {info.Optimizer} optimizer state, but this network's {trainable.Optimizer} state has {state.Length}."));
            }

            restore = trainable;
        }

        // Valid and compatible: from here on nothing can fail.
        ModelFileFormat.ReadSingles(data[file.ParametersOffset..], parameters);
        if (restore is not null)
        {
            ModelFileFormat.ReadSingles(data[file.StateOffset..], state);
            restore.RestoreStep(info.Step.GetValueOrDefault());
        }

        if (network is IInputScaled target && info.InputOffsets is { } offsets && info.InputDivisors is { } divisors)
        {
            float[] o = [.. offsets], d = [.. divisors];
            target.SetInputScaling(o, d);
        }

        if (info.FormatVersion >= 2 && (info.ClassNames is not null || network.ClassNames is not null))
        {
            try
            {
                network.ClassNames = info.ClassNames;
            }
            catch (NotSupportedException)
            {
                // A hand-written network without ClassNames: the names stay in the file (ModelFile.ReadInfo).
            }
        }
    }

    /// <summary>The rest of <paramref name="stream"/>; its length bounds every allocation a load makes.</summary>
    private static ArraySegment<byte> ReadToEnd(Stream stream)
    {
        if (!stream.CanRead)
        {
            throw new ArgumentException("The stream is not readable.", nameof(stream));
        }

        if (stream is MemoryStream memory && memory.TryGetBuffer(out ArraySegment<byte> exposed))
        {
            int start = (int)Math.Min(memory.Position, exposed.Count);
            memory.Position = exposed.Count;
            return exposed[start..];
        }

        var copy = new MemoryStream();
        stream.CopyTo(copy);
        return new ArraySegment<byte>(copy.GetBuffer(), 0, (int)copy.Length);
    }

    private static string PathSubject(string path) => ModelFileFormat.Invariant($"The model file '{path}'");
}

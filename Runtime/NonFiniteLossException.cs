using System;

namespace NetGen;

/// <summary>
/// Thrown when a batch's loss is NaN or infinite. The step that produced it is not applied, so the
/// parameters are those from before the bad batch. The trainer also throws it when the validation
/// loss after an epoch is NaN or infinite (then <see cref="Batch"/> is 0 and the epoch's steps were applied).
/// </summary>
public sealed class NonFiniteLossException : ArithmeticException
{
    /// <summary>Creates the exception with a message.</summary>
    public NonFiniteLossException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public NonFiniteLossException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception with a default message.</summary>
    public NonFiniteLossException() : base("The loss is NaN or infinite.") { }

    /// <summary>The non-finite loss value, when known.</summary>
    public float Loss { get; init; } = float.NaN;

    /// <summary>The number of optimizer steps taken before the bad batch, when known (else −1).</summary>
    public long Step { get; init; } = -1;

    /// <summary>The epoch (from 1) of the bad batch, when a trainer knows it (else 0).</summary>
    public int Epoch { get; init; }

    /// <summary>
    /// The batch (from 1) within <see cref="Epoch"/>, when a trainer knows it; 0 when it does not, and
    /// when the trainer's validation loss after <see cref="Epoch"/> was not finite.
    /// </summary>
    public int Batch { get; init; }
}

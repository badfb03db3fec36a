namespace Vepp2k.Epics.Protocol;

/// <summary>
/// Outgoing CA messages laid end to end in one growable buffer, so a batch goes to the socket in
/// one write. Payloads are zero-padded to 8 bytes as the protocol requires.
/// </summary>
internal sealed class MessageBuffer
{
    private byte[] _data;

    public MessageBuffer(int initialCapacity = 4096) => _data = new byte[initialCapacity];

    public int Length { get; private set; }

    public ReadOnlyMemory<byte> Written => _data.AsMemory(0, Length);

    public void Clear() => Length = 0;

    /// <summary>Appends a header for <paramref name="payloadSize"/> bytes and returns the zeroed, padded payload area.</summary>
    public Span<byte> Begin(CaHeader header)
    {
        int padded = CaHeader.Padded(checked((int)header.PayloadSize));
        header = header with { PayloadSize = (uint)padded };
        int total = header.Size + padded;
        Ensure(total);
        var span = _data.AsSpan(Length, total);
        int used = header.WriteTo(span);
        var payload = span[used..];
        payload.Clear();
        Length += total;
        return payload;
    }

    public void Add(CaHeader header, ReadOnlySpan<byte> payload = default) =>
        payload.CopyTo(Begin(header with { PayloadSize = (uint)payload.Length }));

    /// <summary>Moves everything written into <paramref name="other"/> (which keeps its own content first).</summary>
    public void MoveTo(MessageBuffer other)
    {
        other.Ensure(Length);
        _data.AsSpan(0, Length).CopyTo(other._data.AsSpan(other.Length));
        other.Length += Length;
        Length = 0;
    }

    private void Ensure(int extra)
    {
        if (Length + extra <= _data.Length) return;
        Array.Resize(ref _data, Math.Max(_data.Length * 2, Length + extra));
    }
}

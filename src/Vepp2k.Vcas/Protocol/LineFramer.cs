using System.Text;

namespace Vepp2k.Vcas.Protocol;

/// <summary>A framed input line, or the notice that a line was too long and was skipped.</summary>
public readonly record struct FramedLine(string? Text)
{
    public bool TooLong => Text is null;
}

/// <summary>
/// Cuts a byte stream into '\n'-terminated UTF-8 lines with a fixed buffer: a line longer than the
/// limit is reported once and its bytes are dropped up to the next newline, so a client that never
/// sends a newline costs the server at most <c>maxLineBytes</c>. Invalid UTF-8 decodes to U+FFFD.
/// The buffer starts small and doubles up to the limit as lines need it, so the thousand connections
/// a server may hold cost what their lines need, not the limit each.
/// </summary>
public sealed class LineFramer
{
    private readonly int _max;
    private byte[] _buffer;
    private int _length;
    private bool _skipping;

    public LineFramer(int maxLineBytes = VcasParser.DefaultMaxLine)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLineBytes, 1);
        _max = maxLineBytes;
        _buffer = new byte[Math.Min(maxLineBytes, 256)];
    }

    /// <summary>Feeds received bytes; complete lines (and too-long notices) are added to <paramref name="lines"/>.</summary>
    public void Push(ReadOnlySpan<byte> data, List<FramedLine> lines)
    {
        while (!data.IsEmpty)
        {
            int newline = data.IndexOf((byte)'\n');
            var chunk = newline < 0 ? data : data[..newline];
            if (!_skipping)
            {
                if (_length + chunk.Length > _max)
                {
                    lines.Add(new FramedLine(null));
                    _skipping = true;
                    _length = 0;
                }
                else
                {
                    if (_length + chunk.Length > _buffer.Length)
                        Array.Resize(ref _buffer, (int)Math.Min(_max, Math.Max(2L * _buffer.Length, _length + chunk.Length)));
                    chunk.CopyTo(_buffer.AsSpan(_length));
                    _length += chunk.Length;
                }
            }
            if (newline < 0) return;
            if (!_skipping) lines.Add(new FramedLine(Encoding.UTF8.GetString(_buffer, 0, _length)));
            _skipping = false;
            _length = 0;
            data = data[(newline + 1)..];
        }
    }
}

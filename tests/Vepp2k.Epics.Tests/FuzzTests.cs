using System.Buffers.Binary;
using CsCheck;
using Vepp2k.Epics.Protocol;
using Vepp2k.Epics.Server;

namespace Vepp2k.Epics.Tests;

/// <summary>
/// Randomised malformed input: the UDP responder and the TCP circuit must never throw anything
/// but the protocol error that ends a circuit, and what they send back must always be well framed.
/// Over a million inputs in total; each input is small so the run stays a few seconds.
/// </summary>
public class FuzzTests
{
    private static readonly string[] Names = [TestChannels.Setpoint, "TST:RO", "TST:ENUM", "TST:TEXT", "TST:INT", "TST:ARR", "TST:FAST", "NOPE", ""];

    private static readonly Gen<byte[]> Payload = Gen.OneOf(
        Gen.Byte.Array[0, 48],
        Gen.Int[0, Names.Length - 1].Select(i => Msg.Text(Names[i])),
        Gen.UShort.Select(m => Msg.MaskPayload(m)),
        Gen.Double.Select(x => { var b = new byte[8]; BinaryPrimitives.WriteDoubleBigEndian(b, x); return b; }));

    /// <summary>Plausible messages: real commands and types, small ids that hit open channels, odd counts.</summary>
    private static readonly Gen<byte[]> Message =
        Gen.Select(Gen.UShort[0, 30], Gen.UShort[0, 40], Gen.OneOf(Gen.UInt[0, 4], Gen.UInt[0, 0xFFFF]), Gen.UInt[0, 4], Gen.UInt[0, 4], Payload)
            .Select((cmd, type, count, p1, p2, payload) => Msg.Bytes(cmd, type, count, p1, p2, payload));

    /// <summary>A stream of messages with some bytes flipped, cut into random chunks.</summary>
    private static readonly Gen<(byte[] Stream, int[] Cuts)> Stream =
        Gen.Select(Message.Array[1, 12], Gen.Int[0, 4].SelectMany(n => Gen.Select(Gen.Int[0, 4096], Gen.Byte).Array[n, n]), Gen.Int[1, 64].Array[1, 6])
            .Select((messages, flips, cuts) =>
            {
                var bytes = messages.SelectMany(m => m).ToArray();
                foreach (var (at, value) in flips)
                    if (bytes.Length > 0) bytes[at % bytes.Length] = value;
                return (bytes, cuts);
            });

    [Fact]
    public void Udp_responder_survives_a_million_datagrams()
    {
        var context = new CircuitHarness(TestChannels.Build()).Context;
        var datagrams = Gen.OneOf(Gen.Byte.Array[0, 64], Message.Array[1, 4].Select(m => m.SelectMany(x => x).ToArray()),
            Stream.Select(s => s.Stream));
        long answered = 0;
        datagrams.Sample(d =>
        {
            var reply = new MessageBuffer(64);
            if (!SearchResponder.Respond(d, context, reply)) return;
            Interlocked.Increment(ref answered);
            var messages = Msg.Parse(reply.Written.Span, out int used);
            Assert.Equal(reply.Length, used);
            Assert.Equal(0, messages[0].Cmd);
        }, iter: 1_000_000);
        Assert.True(answered > 0);
    }

    [Fact]
    public void Tcp_circuit_survives_malformed_streams()
    {
        int streams = 0, broken = 0, messages = 0;
        var registry = TestChannels.Build();
        Stream.Array[1, 8].Sample(batch =>
        {
            // One circuit per sample, fed several streams back to back, as one long-lived client would.
            var h = new CircuitHarness(registry);
            foreach (var (bytes, cuts) in batch)
            {
                Interlocked.Increment(ref streams);
                try
                {
                    int at = 0;
                    foreach (int cut in cuts.Append(bytes.Length))
                    {
                        int end = Math.Min(bytes.Length, at + cut);
                        h.Feed(bytes[at..end]);
                        at = end;
                    }
                    h.Feed(bytes[at..]);
                }
                catch (CaProtocolException)
                {
                    Interlocked.Increment(ref broken);
                    return;
                }
                Interlocked.Add(ref messages, h.Take().Count);
            }
        }, iter: 30_000);
        Assert.True(streams > 100_000, $"{streams} streams");
        Assert.True(messages > 0);
    }
}

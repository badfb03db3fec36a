using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Vepp2k.Epics.Server;

/// <summary>
/// Makes a circuit's reader wait for requests on the CPU where a local client's packets arrive
/// (Linux SO_INCOMING_CPU: on loopback, the CPU its sending thread runs on). A round trip is a chain of wake-ups (client
/// sends, reader wakes and replies, client wakes); left alone, the scheduler wakes the reader on an
/// idle CPU when there is one, so every link becomes a cross-CPU wake-up, which on a VM is an
/// interrupt to a halted vCPU. Measured with pyepics on a quiet 2-vCPU VM: the reader used about
/// 40-60 µs of CPU per sequential request away from the client and about 20 µs beside it.
/// <para>
/// The thread is pinned only while it waits in receive and gets its own affinity back as soon as a
/// request arrives: threads inherit affinity from the thread that starts them, and handling a request
/// (a write handler, the runtime's own GC or JIT threads) may start one, which must not end up tied to
/// one CPU for good. Pinning and unpinning cost two system calls (about 8 µs per wait on that VM), so the
/// reader pins only after it found itself woken away from the client, and then for a while: on a
/// busy machine the scheduler often keeps both on one CPU anyway. And only while the client waits
/// for answers: a stream of requests without replies (puts without completion) goes faster with the
/// reader working beside the client on another CPU. Where the option is missing or the
/// kernel refuses (the CPU is outside the process's cpuset), the reader waits where it is put.
/// </para>
/// <para>
/// Remote clients are left alone: their packets arrive on the CPU taking the network card's
/// interrupts, and waiting there would crowd every remote circuit onto it (and it was not measured).
/// </para>
/// </summary>
internal sealed class ClientCpu
{
    private const int SolSocket = 1;
    private const int SoIncomingCpu = 49;
    private const int MaskWords = 16; // cpu_set_t: 1024 CPUs
    private const int MaskBytes = MaskWords * sizeof(ulong);

    private readonly ulong[] _own = new ulong[MaskWords];
    private readonly ulong[] _one = new ulong[MaskWords];
    private readonly bool _available;
    private int _cpu = -1;
    private bool _pinned;
    private bool _wokeAway;
    private int _pinnedWaits;

    /// <summary>Waits pinned after the reader woke away from the client, before it tries unpinned again.</summary>
    private const int PinFor = 256;

    /// <summary>Created on the reader thread, whose affinity it remembers; does nothing for a remote <paramref name="peer"/>.</summary>
    public ClientCpu(IPAddress peer)
    {
        _available = IPAddress.IsLoopback(peer) && OperatingSystem.IsLinux() && sched_getaffinity(0, MaskBytes, _own) == 0;
    }

    /// <summary>Takes the client's current CPU as the one to wait on (one system call: not for every read).</summary>
    public void Follow(Socket socket)
    {
        if (!_available) return;
        Span<byte> value = stackalloc byte[sizeof(int)];
        int cpu;
        try
        {
            cpu = socket.GetRawSocketOption(SolSocket, SoIncomingCpu, value) == sizeof(int) ? BitConverter.ToInt32(value) : -1;
        }
        catch (SocketException)
        {
            cpu = -1;
        }
        if (cpu == _cpu) return;
        Array.Clear(_one);
        _cpu = cpu >= 0 && cpu < MaskWords * 64 && (_own[cpu / 64] & (1UL << (cpu % 64))) != 0 ? cpu : -1;
        if (_cpu >= 0) _one[_cpu / 64] = 1UL << (_cpu % 64);
    }

    /// <summary>Before a blocking receive: ties the thread to the client's CPU when it was woken away from it lately.</summary>
    public void Pin()
    {
        if (_cpu < 0 || _pinnedWaits == 0) return;
        _pinnedWaits--;
        _pinned = sched_setaffinity(0, MaskBytes, _one) == 0;
    }

    /// <summary>After the receive: gives the thread its own affinity back, or notes whether it woke away from the client.</summary>
    public void Unpin()
    {
        if (_pinned)
        {
            // Should this fail the thread stays pinned: the next Unpin tries again.
            _pinned = sched_setaffinity(0, MaskBytes, _own) != 0;
            _wokeAway = false;
        }
        else
        {
            _wokeAway = _cpu >= 0 && sched_getcpu() != _cpu;
        }
    }

    /// <summary>After handling what was received: <paramref name="answered"/> when it had replies (the client may be waiting).</summary>
    public void Handled(bool answered)
    {
        if (!answered) _pinnedWaits = 0;
        else if (_wokeAway) _pinnedWaits = PinFor;
    }

    // pid 0: the calling thread (Linux affinity is per thread).
    [DllImport("libc")]
    private static extern int sched_setaffinity(int pid, nint size, ulong[] mask);

    [DllImport("libc")]
    private static extern int sched_getaffinity(int pid, nint size, [Out] ulong[] mask);

    [DllImport("libc")]
    private static extern int sched_getcpu();
}

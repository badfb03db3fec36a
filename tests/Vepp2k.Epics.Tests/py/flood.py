"""Opens N idle TCP connections to 127.0.0.1:PORT and holds them, as a careless or hostile client
would: it never sends a byte. Prints how many connects succeeded, then waits for stdin to close."""
import socket
import sys

port, count = int(sys.argv[1]), int(sys.argv[2])
held, failed = [], 0
for _ in range(count):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.settimeout(10)
    try:
        s.connect(("127.0.0.1", port))
        held.append(s)
    except OSError:
        failed += 1
        s.close()
print(f"connected {len(held)} failed {failed}", flush=True)
sys.stdin.read()

// A minimal C Channel Access server shaped like EPICS rsrv, used only as a control in the CA benchmark
// (bench/ca/run.sh PORT mini): one blocking thread per client that reads the request burst, answers it
// all and sends once, TCP_NODELAY, 100 double PVs BENCH:PS<i>:I-SP. It serves searches, CREATE_CHAN,
// READ_NOTIFY, WRITE, WRITE_NOTIFY, ECHO and nothing else (no monitors, no access rights, no checks):
// just enough for bench/ca/ca_bench.py to show what any server gets from the pyepics client.
// Build: gcc -O2 -pthread -o mini_rsrv bench/ca/mini_rsrv.c; run: mini_rsrv PORT PVS [SCHED_FIFO priority].
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <unistd.h>
#include <pthread.h>
#include <sched.h>
#include <arpa/inet.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
static int port, npv, fifo;
static double vals[10000];
static int find(const char *n) { int i; if (sscanf(n, "BENCH:PS%d:I-SP", &i) == 1 && i >= 0 && i < npv) return i; return -1; }
static void hdr(uint8_t *b, int cmd, int post, int dt, int cnt, uint32_t p1, uint32_t p2) {
  uint16_t *s = (uint16_t*)b; uint32_t *l = (uint32_t*)(b+8);
  s[0]=htons(cmd); s[1]=htons(post); s[2]=htons(dt); s[3]=htons(cnt); l[0]=htonl(p1); l[1]=htonl(p2);
}
static void putd(uint8_t *p, double v) { uint64_t u; memcpy(&u,&v,8); u=__builtin_bswap64(u); memcpy(p,&u,8); }
static void *client(void *arg) {
  int fd = (int)(long)arg, one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (fifo) { struct sched_param sp = { .sched_priority = fifo }; pthread_setschedparam(pthread_self(), SCHED_FIFO, &sp); }
  static __thread uint8_t in[65536], out[262144];
  int filled = 0, o = 0;
  hdr(out, 0, 0, 0, 13, 0, 0); o = 16;
  send(fd, out, o, 0); o = 0;
  for (;;) {
    int n = recv(fd, in+filled, sizeof in - filled, 0);
    if (n <= 0) break;
    filled += n;
    int used = 0;
    while (filled - used >= 16) {
      uint8_t *h = in+used; uint16_t cmd = ntohs(*(uint16_t*)h), post = ntohs(*(uint16_t*)(h+2)), dt = ntohs(*(uint16_t*)(h+4)), cnt = ntohs(*(uint16_t*)(h+6));
      uint32_t p1 = ntohl(*(uint32_t*)(h+8)), p2 = ntohl(*(uint32_t*)(h+12));
      if (filled - used < 16 + post) break;
      uint8_t *pl = h + 16;
      switch (cmd) {
      case 18: { char name[256]; int l = post < 255 ? post : 255; memcpy(name, pl, l); name[l]=0; int i = find(name);
        if (i < 0) { hdr(out+o, 26, 0, 0, 0, p1, 0); o+=16; }
        else { hdr(out+o, 22, 0, 0, 0, p1, 3); o+=16; hdr(out+o, 18, 0, 6, 1, p1, i); o+=16; } break; }
      case 15: { double v = vals[p1 % 10000];
        if (dt == 6) { hdr(out+o, 15, 8, 6, 1, 1, p2); putd(out+o+16, v); o += 24; }
        else if (dt == 20) { hdr(out+o, 15, 24, 20, 1, 1, p2); memset(out+o+16, 0, 16); putd(out+o+32, v); o += 40; }
        else { hdr(out+o, 15, 0, dt, cnt, 114, p2); o+=16; } break; }
      case 4: case 19: { double v = 0; if (dt == 6 && post >= 8) { uint64_t u; memcpy(&u, pl, 8); u = __builtin_bswap64(u); memcpy(&v,&u,8); }
        else if (dt == 0) v = atof((char*)pl);
        vals[p1 % 10000] = v;
        if (cmd == 19) { hdr(out+o, 19, 0, dt, cnt, 1, p2); o+=16; } break; }
      case 23: hdr(out+o, 23, 0, 0, 0, 0, 0); o+=16; break;
      case 12: hdr(out+o, 12, 0, 0, 0, p1, p2); o+=16; break;
      default: break;
      }
      used += 16 + post;
      if (o > (int)sizeof out - 1024) { send(fd, out, o, 0); o = 0; }
    }
    memmove(in, in+used, filled-used); filled -= used;
    if (o) { send(fd, out, o, 0); o = 0; }
  }
  close(fd); return 0;
}
static void *udp(void *arg) {
  int u = (int)(long)arg;
  uint8_t b[1500], r[1500];
  for (;;) { struct sockaddr_in from; socklen_t fl = sizeof from; int n = recvfrom(u, b, sizeof b, 0, (void*)&from, &fl); if (n <= 0) continue;
    int off = 0, o = 0;
    while (n - off >= 16) { uint16_t cmd = ntohs(*(uint16_t*)(b+off)), post = ntohs(*(uint16_t*)(b+off+2)); uint32_t p1 = ntohl(*(uint32_t*)(b+off+8));
      if (cmd == 6 && o + 24 <= (int)sizeof r && find((char*)b+off+16) >= 0) { if (!o) { hdr(r, 0, 0, 0, 13, 0, 0); o = 16; }
        hdr(r+o, 6, 8, port, 0, 0xffffffff, p1); memset(r+o+16, 0, 8); *(uint16_t*)(r+o+16) = htons(13); o += 24; }
      off += 16 + post; }
    if (o) sendto(u, r, o, 0, (void*)&from, fl); }
  return 0;
}
int main(int argc, char **argv) {
  port = atoi(argv[1]); npv = atoi(argv[2]); fifo = argc > 3 ? atoi(argv[3]) : 0;
  int s = socket(AF_INET, SOCK_STREAM, 0), one = 1; setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  struct sockaddr_in a = { .sin_family = AF_INET, .sin_port = htons(port), .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
  if (bind(s, (void*)&a, sizeof a) || listen(s, 64)) { perror("bind"); return 1; }
  // Both ports are bound before the line that tells run.sh the server is up.
  int u = socket(AF_INET, SOCK_DGRAM, 0); setsockopt(u, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(u, (void*)&a, sizeof a)) { perror("udp bind"); return 1; }
  pthread_t t; pthread_create(&t, 0, udp, (void*)(long)u);
  printf("serving %d PVs on 127.0.0.1:%d\n", npv, port); fflush(stdout);
  for (;;) { int c = accept(s, 0, 0); if (c < 0) continue; pthread_create(&t, 0, client, (void*)(long)c); pthread_detach(t); }
}

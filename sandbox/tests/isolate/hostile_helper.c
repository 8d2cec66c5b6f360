/* Hostile and measuring programs run inside the sandbox by the tests:
 *   sandbox_hostile_helper MODE [ARGS...]
 * Each mode misbehaves in one way. Modes that probe a boundary exit 0 when the boundary held
 * and 1 (printing what got through) when it did not. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/aio_abi.h>
#include <linux/capability.h>
#include <linux/securebits.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/inotify.h>
#include <sys/ipc.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/msg.h>
#include <sys/un.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/ptrace.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double cpuSeconds(clockid_t clock) {
  struct timespec ts;
  clock_gettime(clock, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void spinCpu(clockid_t clock, double seconds) {
  double start = cpuSeconds(clock);
  volatile uint64_t x = 0;
  while (cpuSeconds(clock) - start < seconds) {
    for (int i = 0; i < 10000; ++i) x += (uint64_t)i;
  }
}

static void touchMegabytes(size_t mb) {
  size_t size = mb << 20;
  volatile char* p = malloc(size);
  if (!p) exit(3);
  for (size_t i = 0; i < size; i += 4096) p[i] = 1;
}

static void* threadSpin(void* arg) {
  spinCpu(CLOCK_THREAD_CPUTIME_ID, *(double*)arg);
  return NULL;
}

static void* threadSleep(void* arg) {
  (void)arg;
  for (;;) pause();
  return NULL;
}

static int recurse(int depth) {
  volatile char frame[4096];
  frame[0] = (char)depth;
  return recurse(depth + 1) + frame[0];
}

/* For the hog modes: says how much was taken, writes DIR/ready so the test knows, and holds it
 * all for a second (the test tries its own share meanwhile). */
static int hold_what_was_taken(const char* dir, long taken, const char* what) {
  char ready[4096];
  snprintf(ready, sizeof ready, "%s/ready", dir);
  close(open(ready, O_CREAT | O_WRONLY, 0644));
  printf("%ld %s\n", taken, what);
  fflush(stdout);
  sleep(1);
  return 0;
}

/* An abstract UNIX socket address for NAME (sun_path[0] == 0). */
static socklen_t abstract_address(struct sockaddr_un* a, const char* name) {
  memset(a, 0, sizeof *a);
  a->sun_family = AF_UNIX;
  size_t len = strlen(name);
  if (len > sizeof a->sun_path - 1) len = sizeof a->sun_path - 1;
  memcpy(a->sun_path + 1, name, len);
  return (socklen_t)(offsetof(struct sockaddr_un, sun_path) + 1 + len);
}

/* A datagram socket of a socketpair, cut loose from its pair (connect to AF_UNSPEC), so that
 * anyone may send to it once it has a name. */
static int loose_datagram_socket(void) {
  int pair[2];
  if (socketpair(AF_UNIX, SOCK_DGRAM, 0, pair) != 0) return -1;
  struct sockaddr unspec = {0};
  unspec.sa_family = AF_UNSPEC;
  connect(pair[0], &unspec, sizeof unspec);
  return pair[0];
}

/* unix_listen NAME MS: gets an abstract UNIX socket name every way it can (bind of a socket(),
 * bind of a socketpair's socket, autobind through SO_PASSCRED or SO_PASSPIDFD), then waits MS
 * ms for anything to arrive on any of them. Exits 1 if something did. */
static int unix_listen(const char* name, int ms) {
  struct sockaddr_un a;
  socklen_t size = abstract_address(&a, name);
  struct pollfd named[4];
  int n = 0;
  int s = socket(AF_UNIX, SOCK_STREAM, 0);
  if (s < 0) printf("socket: %s\n", strerror(errno));
  else if (bind(s, (struct sockaddr*)&a, size) != 0 || listen(s, 1) != 0)
    printf("bind socket(): %s\n", strerror(errno));
  else named[n++] = (struct pollfd){s, POLLIN, 0};
  int d = loose_datagram_socket();
  if (d >= 0 && bind(d, (struct sockaddr*)&a, size) == 0) named[n++] = (struct pollfd){d, POLLIN, 0};
  else printf("bind socketpair(): %s\n", strerror(errno));
  const int autobinders[] = {SO_PASSCRED, 76 /* SO_PASSPIDFD */};
  for (int i = 0; i < 2; ++i) {
    int on = 1;
    struct sockaddr_un nowhere;
    socklen_t nowhereSize = abstract_address(&nowhere, "arena-nowhere");
    int x = loose_datagram_socket();
    if (x < 0 || setsockopt(x, SOL_SOCKET, autobinders[i], &on, sizeof on) != 0) {
      printf("setsockopt %d: %s\n", autobinders[i], strerror(errno));
      continue;
    }
    sendto(x, "x", 1, 0, (struct sockaddr*)&nowhere, nowhereSize); /* autobinds, then fails */
    struct sockaddr_un got;
    socklen_t gotSize = sizeof got;
    if (getsockname(x, (struct sockaddr*)&got, &gotSize) == 0 &&
        gotSize > offsetof(struct sockaddr_un, sun_path))
      named[n++] = (struct pollfd){x, POLLIN, 0};
  }
  printf("%d named sockets\n", n);
  if (n > 0 && poll(named, (nfds_t)n, ms) > 0) { printf("linked: something arrived\n"); return 1; }
  if (n == 0) usleep((useconds_t)ms * 1000);
  return 0;
}

/* unix_reach NAME MS: for MS ms, tries to reach NAME and every abstract name listed in
 * /proc/net/unix, by connect() of a socket() and by sendto() of a loose socketpair socket.
 * Exits 1 if anything got through. */
static int unix_reach(const char* name, int ms) {
  for (int waited = 0; waited <= ms; waited += 20) {
    char names[64][108];
    int count = 0;
    snprintf(names[count++], sizeof names[0], "%s", name);
    FILE* f = fopen("/proc/net/unix", "r");
    char line[512];
    while (f && count < 64 && fgets(line, sizeof line, f)) {
      char* at = strchr(line, '@');
      if (!at) continue;
      at[strcspn(at, "\n")] = 0;
      snprintf(names[count++], sizeof names[0], "%s", at + 1);
    }
    if (f) fclose(f);
    for (int i = 0; i < count; ++i) {
      struct sockaddr_un a;
      socklen_t size = abstract_address(&a, names[i]);
      int s = socket(AF_UNIX, SOCK_STREAM, 0);
      if (s >= 0 && connect(s, (struct sockaddr*)&a, size) == 0) {
        printf("linked: connected to %s\n", names[i]);
        return 1;
      }
      if (s >= 0) close(s);
      int d = loose_datagram_socket();
      if (d >= 0 && sendto(d, "x", 1, 0, (struct sockaddr*)&a, size) == 1) {
        printf("linked: sent to %s\n", names[i]);
        return 1;
      }
      if (d >= 0) close(d);
    }
    usleep(20000);
  }
  return 0;
}

int main(int argc, char** argv) {
  if (argc < 2) return 2;
  const char* mode = argv[1];

  if (!strcmp(mode, "true")) return 0;
  if (!strcmp(mode, "exit")) return atoi(argv[2]);
  if (!strcmp(mode, "echo")) {  /* copy stdin to stdout, then print args */
    char buf[4096];
    ssize_t n;
    while ((n = read(0, buf, sizeof buf)) > 0) fwrite(buf, 1, (size_t)n, stdout);
    for (int i = 2; i < argc; ++i) printf("%s\n", argv[i]);
    fflush(stdout);
    fprintf(stderr, "to-stderr\n");
    return 0;
  }
  if (!strcmp(mode, "spin")) {  /* busy for ARG ms of this process's CPU time */
    spinCpu(CLOCK_PROCESS_CPUTIME_ID, atof(argv[2]) / 1000.0);
    return 0;
  }
  if (!strcmp(mode, "spin_threads")) {  /* N threads, each busy ARG ms of its own CPU */
    int n = atoi(argv[2]);
    double each = atof(argv[3]) / 1000.0;
    pthread_t t[64];
    for (int i = 0; i < n; ++i) pthread_create(&t[i], NULL, threadSpin, &each);
    for (int i = 0; i < n; ++i) pthread_join(t[i], NULL);
    return 0;
  }
  if (!strcmp(mode, "memory_procs")) {  /* N processes each holding MB at the same time */
    int n = atoi(argv[2]);
    size_t mb = (size_t)atoi(argv[3]);
    int ready[2], go[2];
    if (pipe(ready) || pipe(go)) return 4;
    for (int i = 0; i < n; ++i) {
      if (fork() == 0) {
        char c;
        close(go[1]);
        close(ready[0]);
        touchMegabytes(mb);
        if (write(ready[1], "r", 1) != 1) _exit(5);
        if (read(go[0], &c, 1) < 0) _exit(5);  /* hold until everyone is at peak */
        _exit(0);
      }
    }
    close(ready[1]);
    close(go[0]);
    for (int i = 0; i < n; ++i) {
      char c;
      if (read(ready[0], &c, 1) != 1) return 6;
    }
    usleep(50000);
    close(go[1]);
    int status, failed = 0;
    while (wait(&status) > 0) failed |= !WIFEXITED(status) || WEXITSTATUS(status) != 0;
    return failed ? 7 : 0;
  }
  if (!strcmp(mode, "infinite")) { for (volatile int x = 0;; ++x) {} }
  if (!strcmp(mode, "sleep")) { for (;;) pause(); }
  if (!strcmp(mode, "ignore_sigterm")) {
    signal(SIGTERM, SIG_IGN);
    raise(SIGTERM);
    for (volatile int x = 0;; ++x) {}
  }
  if (!strcmp(mode, "sigterm_self")) { raise(SIGTERM); return 0; }
  if (!strcmp(mode, "forkbomb")) {
    for (;;) {
      fork();
      for (volatile int i = 0; i < 1000; ++i) {}
    }
  }
  if (!strcmp(mode, "forkbomb_detached")) {
    /* Children double-fork into new sessions and burn CPU; the parent waits (or exits at
       once with "exit_now"), hoping they outlive it unaccounted. */
    for (int i = 0; i < 8; ++i) {
      if (fork() == 0) {
        setsid();
        if (fork() == 0) {
          for (;;) { fork(); for (volatile uint64_t x = 0; x < 100000000ull; ++x) {} }
        }
        _exit(0);
      }
    }
    if (argc > 2 && !strcmp(argv[2], "exit_now")) return 0;
    sleep(5);
    return 0;
  }
  if (!strcmp(mode, "threadbomb")) {  /* threads until refused; prints how many, then spins */
    int created = 0;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 65536);
    pthread_t t;
    while (pthread_create(&t, &attr, threadSleep, NULL) == 0) ++created;
    printf("%d\n", created);
    fflush(stdout);
    for (volatile int x = 0;; ++x) {}
  }
  if (!strcmp(mode, "malloc_bomb")) {
    for (;;) {
      char* p = malloc(1 << 20);
      if (!p) return 3;
      memset(p, 1, 1 << 20);
    }
  }
  if (!strcmp(mode, "mmap_bomb")) {
    size_t size = (size_t)16 << 30;
    volatile char* p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) return 3;
    for (size_t i = 0; i < size; i += 4096) p[i] = 1;
    return 0;
  }
  if (!strcmp(mode, "recursion")) return recurse(0);
  if (!strcmp(mode, "flood")) {
    static char line[65536];
    memset(line, 'x', sizeof line);
    for (;;) {
      if (write(1, line, sizeof line) < 0) return 3;
    }
  }
  if (!strcmp(mode, "huge_file")) {
    static char block[65536];
    int fd = open(argv[2], O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) return 3;
    for (;;) {
      if (write(fd, block, sizeof block) < 0) return 4;
    }
  }
  if (!strcmp(mode, "connect")) {  /* ARG: port on 127.0.0.1 */
    int s = socket(AF_INET, SOCK_STREAM, 0);
    struct sockaddr_in a = {0};
    a.sin_family = AF_INET;
    a.sin_port = htons((uint16_t)atoi(argv[2]));
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (s >= 0 && connect(s, (struct sockaddr*)&a, sizeof a) == 0) {
      printf("connected\n");
      return 1;
    }
    int u = socket(AF_INET, SOCK_DGRAM, 0);
    if (u >= 0 && sendto(u, "x", 1, 0, (struct sockaddr*)&a, sizeof a) == 1) {
      printf("udp sent\n");
      return 1;
    }
    return 0;
  }
  if (!strcmp(mode, "unix_listen")) return unix_listen(argv[2], atoi(argv[3]));
  if (!strcmp(mode, "unix_reach")) return unix_reach(argv[2], atoi(argv[3]));
  if (!strcmp(mode, "unix_hold")) {  /* ARGS: DIR. Makes eight socket pairs and holds them */
    for (int i = 0; i < 8; ++i) {
      int pair[2];
      if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) {
        printf("socketpair: %s\n", strerror(errno));
        return 1;
      }
    }
    return hold_what_was_taken(argv[2], 8, "socket pairs");
  }
  if (!strcmp(mode, "unix_census")) {  /* exits 1 when /proc/net/unix lists any socket */
    FILE* listing = fopen("/proc/net/unix", "r");
    if (!listing) {
      printf("/proc/net/unix: %s\n", strerror(errno));
      return 1;
    }
    char line[512];
    int seen = -1;  /* after the header */
    while (fgets(line, sizeof line, listing)) ++seen;
    fclose(listing);
    printf("%d sockets seen\n", seen);
    return seen != 0;
  }
  if (!strcmp(mode, "inotify_hog")) {
    /* ARGS: DIR. Four processes each make inotify instances until refused, write DIR/ready,
     * and hold them for a second. Prints how many were made. */
    int made[2];
    pipe(made);
    for (int k = 0; k < 4; ++k) {
      if (fork() == 0) {
        int n = 0;
        while (inotify_init1(0) >= 0) ++n;
        write(made[1], &n, sizeof n);
        sleep(1);
        _exit(0);
      }
    }
    int total = 0;
    for (int k = 0; k < 4; ++k) {
      int n = 0;
      read(made[0], &n, sizeof n);
      total += n;
    }
    hold_what_was_taken(argv[2], total, "inotify instances");
    while (wait(NULL) > 0) {}
    return 0;
  }
  if (!strcmp(mode, "signal_hog")) {
    /* ARGS: DIR. Queues real-time signals to itself (blocked) until refused, writes DIR/ready
     * and holds them for a second. Prints how many were queued. */
    sigset_t rt;
    sigemptyset(&rt);
    sigaddset(&rt, SIGRTMIN);
    sigprocmask(SIG_BLOCK, &rt, NULL);
    union sigval v = {0};
    long n = 0;
    while (sigqueue(getpid(), SIGRTMIN, v) == 0) ++n;
    return hold_what_was_taken(argv[2], n, "signals queued");
  }
  if (!strcmp(mode, "aio_hog")) {
    /* ARGS: DIR. Makes native AIO contexts until refused, writes DIR/ready and holds them for
     * a second. Prints how many events it got. */
    long events = 0;
    for (;;) {
      aio_context_t ctx = 0;
      if (syscall(SYS_io_setup, 4096, &ctx) != 0) break;
      events += 4096;
    }
    return hold_what_was_taken(argv[2], events, "AIO events");
  }
  if (!strcmp(mode, "hugetlb_hog")) {
    /* ARGS: DIR. Maps (and touches) huge pages from the host's pool until refused, writes
     * DIR/ready and holds them for a second. Prints how many it got. */
    long pages = 0;
    while (mmap(NULL, 2 << 20, PROT_READ | PROT_WRITE,
                MAP_PRIVATE | MAP_ANONYMOUS | MAP_HUGETLB | MAP_POPULATE, -1, 0) != MAP_FAILED)
      ++pages;
    return hold_what_was_taken(argv[2], pages, "huge pages");
  }
  if (!strcmp(mode, "read_files")) {  /* every ARG must be unreadable */
    int leaked = 0;
    for (int i = 2; i < argc; ++i) {
      int fd = open(argv[i], O_RDONLY);
      char c;
      if (fd >= 0 && read(fd, &c, 1) >= 0) {
        printf("read %s\n", argv[i]);
        leaked = 1;
      }
    }
    return leaked;
  }
  if (!strcmp(mode, "write_files")) {  /* every ARG must be uncreatable */
    int leaked = 0;
    for (int i = 2; i < argc; ++i) {
      int fd = open(argv[i], O_WRONLY | O_CREAT, 0644);
      if (fd >= 0) {
        printf("created %s\n", argv[i]);
        leaked = 1;
      }
    }
    return leaked;
  }
  if (!strcmp(mode, "kill_all")) {
    kill(-1, SIGKILL);
    for (pid_t s = 1; s < 32768; ++s) {
      if (s != getpid()) kill(s, SIGKILL);
    }
    return 0;
  }
  if (!strcmp(mode, "privileges")) {  /* setuid, unshare, mount, ptrace, setns must all fail */
    int leaked = 0;
    if (setuid(0) == 0) { printf("setuid(0)\n"); leaked = 1; }
    if (setgid(0) == 0) { printf("setgid(0)\n"); leaked = 1; }
    if (unshare(CLONE_NEWUSER) == 0) { printf("unshare(NEWUSER)\n"); leaked = 1; }
    if (unshare(CLONE_NEWNS) == 0) { printf("unshare(NEWNS)\n"); leaked = 1; }
    if (unshare(CLONE_NEWNET) == 0) { printf("unshare(NEWNET)\n"); leaked = 1; }
    pid_t c = (pid_t)syscall(SYS_clone, CLONE_NEWUSER | SIGCHLD, NULL, NULL, NULL, NULL);
    if (c == 0) _exit(0);
    if (c > 0) { printf("clone(NEWUSER)\n"); leaked = 1; waitpid(c, NULL, 0); }
    if (mount("none", "/tmp", "tmpfs", 0, NULL) == 0) { printf("mount\n"); leaked = 1; }
    if (mount("/tmp", "/box", NULL, MS_BIND, NULL) == 0) { printf("bind\n"); leaked = 1; }
    if (ptrace(PTRACE_ATTACH, 1, NULL, NULL) == 0) { printf("ptrace(1)\n"); leaked = 1; }
    if (chroot("/tmp") == 0) { printf("chroot\n"); leaked = 1; }
    if (syscall(SYS_keyctl, 0, 0, 0, 0, 0) >= 0 || errno != EPERM) { printf("keyctl\n"); leaked = 1; }
    if (syscall(SYS_bpf, 0, NULL, 0) >= 0 || errno != EPERM) { printf("bpf\n"); leaked = 1; }
    /* No capability now, and no way back to one through execve. */
    struct __user_cap_header_struct head = {_LINUX_CAPABILITY_VERSION_3, 0};
    struct __user_cap_data_struct caps[2];
    if (syscall(SYS_capget, &head, caps) != 0) { printf("capget\n"); leaked = 1; }
    for (int i = 0; i < 2; ++i) {
      if (caps[i].effective || caps[i].permitted || caps[i].inheritable) {
        printf("capabilities %x %x %x\n", caps[i].effective, caps[i].permitted,
               caps[i].inheritable);
        leaked = 1;
      }
    }
    if (prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_IS_SET, CAP_SYS_ADMIN, 0, 0) != 0) {
      printf("ambient CAP_SYS_ADMIN\n");
      leaked = 1;
    }
    if (prctl(PR_GET_NO_NEW_PRIVS, 0, 0, 0, 0) != 1) { printf("no_new_privs unset\n"); leaked = 1; }
    const int locked = SECBIT_NOROOT | SECBIT_NOROOT_LOCKED | SECBIT_NO_CAP_AMBIENT_RAISE |
                       SECBIT_NO_CAP_AMBIENT_RAISE_LOCKED;
    int bits = prctl(PR_GET_SECUREBITS, 0, 0, 0, 0);
    if (bits < 0 || (bits & locked) != locked) { printf("securebits %#x\n", bits); leaked = 1; }
    if (prctl(PR_SET_SECUREBITS, 0, 0, 0, 0) == 0) { printf("securebits cleared\n"); leaked = 1; }
    return leaked;
  }
  if (!strcmp(mode, "ipc_leave")) {  /* leaves a System V shm segment, semaphore set and queue */
    key_t key = 0x41524e41;
    if (shmget(key, 4096, IPC_CREAT | 0600) < 0) { perror("shmget"); return 2; }
    if (semget(key, 1, IPC_CREAT | 0600) < 0) { perror("semget"); return 2; }
    if (msgget(key, IPC_CREAT | 0600) < 0) { perror("msgget"); return 2; }
    return 0;
  }
  if (!strcmp(mode, "ipc_find")) {  /* exit 1 when anything ipc_leave made is still there */
    key_t key = 0x41524e41;
    int leaked = 0;
    if (shmget(key, 0, 0) >= 0) { printf("shm\n"); leaked = 1; }
    if (semget(key, 0, 0) >= 0) { printf("sem\n"); leaked = 1; }
    if (msgget(key, 0) >= 0) { printf("msg\n"); leaked = 1; }
    return leaked;
  }
  if (!strcmp(mode, "mq_open")) {  /* POSIX message queues must be refused */
    long q = syscall(SYS_mq_open, "arena-q", O_CREAT | O_RDWR, 0600, NULL);
    if (q >= 0 || errno != EPERM) { printf("mq_open: %ld errno %d\n", q, errno); return 1; }
    return 0;
  }
  if (!strcmp(mode, "socket_families")) {  /* only unnamed AF_UNIX pairs may be made */
    int leaked = 0;
    const int families[] = {AF_UNIX, AF_INET, AF_INET6, AF_NETLINK, AF_PACKET, 40 /* AF_VSOCK */,
                            38 /* AF_ALG */};
    for (unsigned i = 0; i < sizeof families / sizeof *families; ++i) {
      int fd = socket(families[i], SOCK_STREAM, 0);
      if (fd < 0) fd = socket(families[i], SOCK_DGRAM, 0);
      if (fd >= 0) { printf("socket(family %d)\n", families[i]); leaked = 1; close(fd); }
    }
    int pair[2];
    if (socketpair(AF_UNIX, SOCK_STREAM, 0, pair) != 0) { printf("no AF_UNIX pair\n"); leaked = 1; }
    return leaked;
  }
  if (!strcmp(mode, "tamper_init")) {  /* the box init's limits and priority are out of reach */
    int leaked = 0;
    struct rlimit one = {1, 1};
    if (syscall(SYS_prlimit64, 1, RLIMIT_FSIZE, &one, NULL) == 0) { printf("prlimit(1)\n"); leaked = 1; }
    struct sched_param param = {0};
    if (sched_setscheduler(1, SCHED_IDLE, &param) == 0) { printf("sched_setscheduler(1)\n"); leaked = 1; }
    cpu_set_t cpus;
    CPU_ZERO(&cpus);
    CPU_SET(0, &cpus);
    if (sched_setaffinity(1, sizeof cpus, &cpus) == 0) { printf("sched_setaffinity(1)\n"); leaked = 1; }
    if (setpriority(PRIO_PROCESS, 1, 19) == 0) { printf("setpriority(pid 1)\n"); leaked = 1; }
    if (setpriority(PRIO_USER, 0, 19) == 0) { printf("setpriority(user)\n"); leaked = 1; }
    /* Limits on itself stay allowed: runtimes set their own. */
    struct rlimit own;
    if (getrlimit(RLIMIT_STACK, &own) != 0 || setrlimit(RLIMIT_STACK, &own) != 0) {
      printf("setrlimit(self) refused\n");
      leaked = 1;
    }
    return leaked;
  }
  if (!strcmp(mode, "i386")) {  /* getpid through the 32-bit entry point */
    long ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(20L) : "memory");
    printf("i386 getpid returned %ld\n", ret);
    return 1;
  }
  if (!strcmp(mode, "x32")) {
    long ret = syscall(0x40000000L | SYS_getpid);
    printf("x32 getpid returned %ld\n", ret);
    return 1;
  }
  if (!strcmp(mode, "pid")) { printf("%d\n", getpid()); return 0; }
  return 2;
}

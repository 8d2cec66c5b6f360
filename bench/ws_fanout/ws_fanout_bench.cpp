// Fan-out of one live event to many WebSocket clients.
//
//   arena-ws-fanout-bench [--clients 2000] [--rounds 30] [--reactors 2] [--scoreboard]
//
// What runs, all in this process on loopback:
//   - the real HTTP front (http::HttpServer) with the /api/ws upgrade hook and a live::Hub, as
//     arena-server wires them (tokens are accepted as "bench-<user id>");
//   - N clients that each upgrade over TCP, then are read by one epoll thread of the bench;
//   - each round publishes one submission.verdict event on "broadcast" and records, per client,
//     the time from publish() to the whole frame being read: p50/p99 over all rounds;
//   - with --scoreboard, each round is instead one verdict of a live ICPC contest of N teams x 12
//     problems (issue 9's "recomputation and broadcast per verdict"): the clock starts before the
//     verdict is applied to the board, and stops when a client has read the public rows' delta;
//   - the baseline: the same N readers on N plain TCP connections, and one thread writing the
//     same pre-built frames to each, timed the same way. The ratio hub/baseline tells what the
//     hub (and in --scoreboard the board) costs on top of the bare writes.
// It also prints the process's thread count before and after the clients connect: the hub's
// threads do not depend on the number of clients.

#include <arpa/inet.h>
#include <dirent.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "arena/scoring/scoreboard_json.hpp"
#include "http/dispatcher.hpp"
#include "http/http_server.hpp"
#include "http/metrics.hpp"
#include "http/router.hpp"
#include "live/hub.hpp"
#include "live/ws_endpoint.hpp"
#include "live/ws_frame.hpp"
#include "scoreboard/contest_stream.hpp"

namespace {

using namespace arena::server;
using Clock = std::chrono::steady_clock;
namespace scoring = arena::scoring;

int threadCount() {
  int count = 0;
  if (DIR* dir = ::opendir("/proc/self/task")) {
    while (dirent* entry = ::readdir(dir)) count += entry->d_name[0] != '.';
    ::closedir(dir);
  }
  return count;
}

void raiseFileLimit(rlim_t wanted) {
  rlimit limit{};
  ::getrlimit(RLIMIT_NOFILE, &limit);
  limit.rlim_cur = std::min(std::max(limit.rlim_cur, wanted), limit.rlim_max);
  ::setrlimit(RLIMIT_NOFILE, &limit);
}

int connectTo(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    std::perror("connect");
    std::exit(1);
  }
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  return fd;
}

// Upgrades a fresh connection and reads up to the end of the hello frame.
int upgradedClient(std::uint16_t port, int user) {
  const int fd = connectTo(port);
  const std::string request = "GET /api/ws?access_token=bench-" + std::to_string(user) +
                              " HTTP/1.1\r\nHost: bench\r\nUpgrade: websocket\r\n"
                              "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                              "Sec-WebSocket-Version: 13\r\n\r\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) != static_cast<ssize_t>(request.size())) {
    std::exit(1);
  }
  std::string got;
  char chunk[4096];
  // The 101 header, then one whole frame (hello) after it.
  for (;;) {
    const auto end = got.find("\r\n\r\n");
    if (end != std::string::npos && got.size() >= end + 6) {
      const auto* frame = reinterpret_cast<const unsigned char*>(got.data() + end + 4);
      std::size_t length = frame[1] & 0x7F;
      std::size_t header = 2;
      if (length == 126) {
        length = (std::size_t{frame[2]} << 8) | frame[3];
        header = 4;
      }
      if (got.size() >= end + 4 + header + length) break;
    }
    const ssize_t n = ::recv(fd, chunk, sizeof chunk, 0);
    if (n <= 0) {
      std::fprintf(stderr, "client %d: handshake failed: %s\n", user, got.c_str());
      std::exit(1);
    }
    got.append(chunk, static_cast<std::size_t>(n));
  }
  if (got.rfind("HTTP/1.1 101", 0) != 0) {
    std::fprintf(stderr, "client %d: not upgraded: %s\n", user, got.substr(0, 80).c_str());
    std::exit(1);
  }
  return fd;
}

// N sockets read by one epoll loop; each round, the time each socket took to receive
// `frameBytes` after the round started.
class Readers {
 public:
  explicit Readers(const std::vector<int>& fds) : m_fds(fds), m_received(fds.size()) {
    m_epoll = ::epoll_create1(EPOLL_CLOEXEC);
    for (std::size_t i = 0; i < fds.size(); ++i) {
      epoll_event event{};
      event.events = EPOLLIN;
      event.data.u64 = i;
      ::epoll_ctl(m_epoll, EPOLL_CTL_ADD, fds[i], &event);
    }
  }
  ~Readers() { ::close(m_epoll); }

  // Starts the clock, calls send() (which answers the size of the frame it sent), reads until
  // every socket got that frame; latencies in ms.
  std::vector<double> round(const std::function<std::size_t()>& send) {
    std::fill(m_received.begin(), m_received.end(), 0);
    std::vector<double> latencies;
    latencies.reserve(m_fds.size());
    std::vector<epoll_event> events(512);
    char buffer[65536];
    const auto started = Clock::now();
    const std::size_t frameBytes = send();
    while (latencies.size() < m_fds.size()) {
      const int ready = ::epoll_wait(m_epoll, events.data(), static_cast<int>(events.size()), 5000);
      if (ready <= 0) {
        std::fprintf(stderr, "timed out with %zu of %zu delivered\n", latencies.size(), m_fds.size());
        std::exit(1);
      }
      for (int k = 0; k < ready; ++k) {
        const std::size_t i = events[static_cast<std::size_t>(k)].data.u64;
        const ssize_t n = ::recv(m_fds[i], buffer, sizeof buffer, MSG_DONTWAIT);
        if (n <= 0) continue;
        const std::size_t before = m_received[i];
        m_received[i] += static_cast<std::size_t>(n);
        if (before < frameBytes && m_received[i] >= frameBytes) {
          latencies.push_back(
              std::chrono::duration<double, std::milli>(Clock::now() - started).count());
        }
      }
    }
    return latencies;
  }

 private:
  std::vector<int> m_fds;
  std::vector<std::size_t> m_received;
  int m_epoll = -1;
};

double percentile(std::vector<double> values, double p) {
  std::sort(values.begin(), values.end());
  const auto index = static_cast<std::size_t>(p * static_cast<double>(values.size() - 1));
  return values[index];
}

struct Figures {
  double p50 = 0;
  double p99 = 0;
  double max = 0;
};

Figures summarise(const std::vector<double>& all) {
  return {percentile(all, 0.50), percentile(all, 0.99), *std::max_element(all.begin(), all.end())};
}

int argument(int argc, char** argv, const char* name, int fallback) {
  for (int i = 1; i + 1 < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return std::atoi(argv[i + 1]);
  }
  return fallback;
}

bool flag(int argc, char** argv, const char* name) {
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], name) == 0) return true;
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  const int clients = argument(argc, argv, "--clients", 2000);
  const int rounds = argument(argc, argv, "--rounds", 30);
  const int reactors = argument(argc, argv, "--reactors", 2);
  const bool scoreboard = flag(argc, argv, "--scoreboard");
  raiseFileLimit(static_cast<rlim_t>(4 * clients + 256));

  // The server side, wired as arena-server wires it.
  http::Router router;
  http::Metrics metrics;
  live::registerLiveRoutes(router);
  http::Dispatcher dispatcher(
      router, [](std::string_view) -> arena::Result<http::Principal> {
        return arena::fail(arena::ErrorCode::Unauthenticated, "not here");
      },
      metrics);
  live::HubOptions hubOptions;
  hubOptions.reactors = reactors;
  hubOptions.heartbeat = std::chrono::minutes(10);  // no pings inside the measurement
  hubOptions.metrics = &metrics;
  auto hub = live::Hub::start(hubOptions);
  if (!hub) {
    std::fprintf(stderr, "hub: %s\n", hub.error().message.c_str());
    return 1;
  }
  http::HttpServer::Options httpOptions;
  httpOptions.bind = "127.0.0.1";
  httpOptions.port = 0;
  httpOptions.threads = 16;
  httpOptions.logRequests = false;
  httpOptions.webSocket = live::webSocketRoute(
      **hub, [](std::string_view token) -> arena::Result<http::Principal> {
        if (!token.starts_with("bench-")) {
          return arena::fail(arena::ErrorCode::Unauthenticated, "bad token");
        }
        return http::Principal{std::atoll(std::string(token.substr(6)).c_str()), "bench",
                               arena::model::Role::Contestant};
      });
  auto server = http::HttpServer::start(dispatcher, httpOptions);
  if (!server) {
    std::fprintf(stderr, "http: %s\n", server.error().message.c_str());
    return 1;
  }
  const std::uint16_t port = (*server)->port();

  const int threadsBefore = threadCount();
  std::vector<int> wsFds;
  wsFds.reserve(static_cast<std::size_t>(clients));
  const auto connectStarted = Clock::now();
  for (int i = 0; i < clients; ++i) wsFds.push_back(upgradedClient(port, i + 1));
  const double connectSeconds =
      std::chrono::duration<double>(Clock::now() - connectStarted).count();
  while ((*hub)->clients() < static_cast<std::size_t>(clients)) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  const int threadsAfter = threadCount();

  // Each round publishes one event and answers the frame every client must then receive; the
  // frames are kept so the baseline writes exactly the same bytes.
  std::vector<std::string> frames;
  const auto frameOf = [](const live::Event& event) {
    return live::buildFrame(live::Opcode::Text,
                            "{\"type\":\"" + event.type + "\",\"data\":" + event.data + "}");
  };
  std::function<std::size_t()> publishOne;
  const live::Event verdict{
      "broadcast", "submission.verdict",
      R"({"id":123456,"problem_id":42,"user_id":7,"verdict":"AC","exec_time_ms":15,"memory_kb":3120})"};
  // --scoreboard: a live contest of `clients` teams x 12 problems, no freeze (every verdict
  // changes the public board). The timed part is what arena-server does for a verdict: apply it,
  // serialise the changed rows of both views, publish the jury rows (no proctor listens here)
  // and the public rows to every client.
  const auto stream = arena::bench::simulateContest(clients, 12, 9000, 10 * rounds + 100);
  auto board = stream.boardSoFar(scoring::IcpcOptions{});
  std::size_t nextSubmission = stream.judgedBefore;
  if (scoreboard) {
    publishOne = [&] {
      for (;;) {
        if (nextSubmission == stream.submissions.size()) {
          std::fprintf(stderr, "the simulated contest ran out of submissions\n");
          std::exit(1);
        }
        (void)board.apply(stream.pending(nextSubmission));
        const auto change = board.apply(stream.judged(nextSubmission++));
        if (change->publicRows.empty()) continue;  // an AC after an AC: nothing to push
        const auto data = [&](scoring::ScoreboardView view, const std::vector<std::int64_t>& rows) {
          return "{\"contest_id\":1," + scoring::rowsToJson(board, view, rows).substr(1);
        };
        (*hub)->publish({"contest:1:jury", "contest.scoreboard",
                         data(scoring::ScoreboardView::Jury, change->juryRows)});
        const live::Event event{"broadcast", "contest.scoreboard",
                                data(scoring::ScoreboardView::Public, change->publicRows)};
        (*hub)->publish(event);
        frames.push_back(frameOf(event));
        return frames.back().size();
      }
    };
  } else {
    publishOne = [&] {
      (*hub)->publish(verdict);
      frames.push_back(frameOf(verdict));
      return frames.back().size();
    };
  }

  std::vector<double> hubLatencies;
  {
    Readers readers(wsFds);
    readers.round(publishOne);  // warm-up
    for (int r = 0; r < rounds; ++r) {
      const auto latencies = readers.round(publishOne);
      hubLatencies.insert(hubLatencies.end(), latencies.begin(), latencies.end());
    }
  }
  (*server)->stop();
  (*hub)->stop();
  for (int fd : wsFds) ::close(fd);

  // Baseline: plain TCP pairs, one thread writing the pre-built frame to each.
  const int listener = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(listener, reinterpret_cast<sockaddr*>(&address), sizeof address);
  ::listen(listener, 4096);
  socklen_t length = sizeof address;
  ::getsockname(listener, reinterpret_cast<sockaddr*>(&address), &length);
  std::vector<int> readFds;
  std::vector<int> writeFds;
  for (int i = 0; i < clients; ++i) {
    readFds.push_back(connectTo(ntohs(address.sin_port)));
    const int accepted = ::accept4(listener, nullptr, nullptr, SOCK_CLOEXEC);
    const int one = 1;
    ::setsockopt(accepted, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    writeFds.push_back(accepted);
  }
  std::vector<double> baseLatencies;
  {
    Readers readers(readFds);
    std::thread writer;
    std::size_t nextFrame = 0;  // the warm-up's frame first, then each round's
    auto writeAll = [&] {
      const std::string& frame = frames[nextFrame++];
      writer = std::thread([&] {
        for (int fd : writeFds) {
          [[maybe_unused]] const ssize_t n =
              ::send(fd, frame.data(), frame.size(), MSG_NOSIGNAL | MSG_DONTWAIT);
        }
      });
      return frame.size();
    };
    readers.round(writeAll);  // warm-up
    writer.join();
    for (int r = 0; r < rounds; ++r) {
      const auto latencies = readers.round(writeAll);
      writer.join();
      baseLatencies.insert(baseLatencies.end(), latencies.begin(), latencies.end());
    }
  }
  for (int fd : readFds) ::close(fd);
  for (int fd : writeFds) ::close(fd);
  ::close(listener);

  const Figures hubFigures = summarise(hubLatencies);
  const Figures base = summarise(baseLatencies);
  std::size_t frameBytes = 0;
  for (const auto& frame : frames) frameBytes += frame.size();
  std::printf("ws fan-out of %s: %d clients, %d rounds, %d reactors, frames of %zu bytes (mean)\n",
              scoreboard ? "scoreboard deltas" : "one verdict", clients, rounds, reactors,
              frameBytes / frames.size());
  std::printf("  connect+upgrade: %.2f s for %d clients\n", connectSeconds, clients);
  std::printf("  threads: %d before the clients connected, %d after\n", threadsBefore,
              threadsAfter);
  std::printf("  hub:      p50 %.2f ms  p99 %.2f ms  max %.2f ms\n", hubFigures.p50, hubFigures.p99,
              hubFigures.max);
  std::printf("  baseline: p50 %.2f ms  p99 %.2f ms  max %.2f ms  (one thread, plain sockets)\n",
              base.p50, base.p99, base.max);
  std::printf("  ratio hub/baseline: p50 %.2fx  p99 %.2fx\n", hubFigures.p50 / base.p50,
              hubFigures.p99 / base.p99);
  return 0;
}

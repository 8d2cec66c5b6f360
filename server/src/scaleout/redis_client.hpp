#pragma once
// A small synchronous Redis client over hiredis (RESP2), the only place hiredis is used.
//
// Theory of operation
//   One RedisClient is one connection, guarded by a mutex, so it may be shared by threads (a
//   command holds the connection until its reply). The connection is made lazily and again after
//   any I/O failure: a command on a connection that broke since its last use is sent once more on
//   a fresh one (Redis restarted, an idle connection was cut), so callers see an error only when
//   Redis is really unreachable. Every connection authenticates (AUTH) and selects its database
//   (SELECT) before its first command. Replies are copied into RedisReply at once; no hiredis
//   object outlives the call that made it.
//   Errors: Unavailable for "cannot reach / connection lost", Timeout for a command that got no
//   reply in time, Unauthenticated for a refused password, Internal for an error reply (its text
//   is the message, e.g. "NOGROUP ...").
//   Subscriptions (pub/sub) use send() and read() instead of command(): a subscribed connection
//   receives messages it did not ask for, read() waits for one with a timeout.

#include <chrono>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "arena/core/error.hpp"

struct redisContext;

namespace arena::server::scaleout {

// redis://[:password@]host:port[/db]
struct RedisUrl {
  std::string host;
  int port = 6379;
  std::string password;
  int db = 0;

  static Result<RedisUrl> parse(const std::string& url);
  // For logs: the URL without its password.
  std::string redacted() const;
};

struct RedisOptions {
  std::chrono::milliseconds connectTimeout{2000};
  std::chrono::milliseconds commandTimeout{5000};
};

struct RedisReply {
  enum class Type { Nil, Status, Integer, String, Array };
  Type type = Type::Nil;
  std::string str;  // Status and String
  long long integer = 0;
  std::vector<RedisReply> elements;

  bool isNil() const { return type == Type::Nil; }
};

class RedisClient {
 public:
  RedisClient(RedisUrl url, RedisOptions options = {});
  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Connects now (commands connect on demand anyway): a clear error for a bad host or password.
  Result<void> ping();
  Result<RedisReply> command(const std::vector<std::string>& args);
  // For blocking commands (XREADGROUP BLOCK n): the reply may take `extra` longer than usual.
  Result<RedisReply> command(const std::vector<std::string>& args,
                             std::chrono::milliseconds extra);

  // Pub/sub: sends a command without waiting for its reply...
  Result<void> send(const std::vector<std::string>& args);
  // ...and waits up to `timeout` for the next reply or message; nothing when none came.
  Result<std::optional<RedisReply>> read(std::chrono::milliseconds timeout);
  // Drops the connection (the next call reconnects).
  void disconnect();

  const RedisUrl& url() const { return m_url; }

 private:
  Result<void> ensureConnected();
  Result<RedisReply> commandLocked(const std::vector<std::string>& args,
                                   std::chrono::milliseconds timeout);
  Error ioError(const std::string& what);
  void dropConnection();

  RedisUrl m_url;
  RedisOptions m_options;
  std::mutex m_mutex;
  redisContext* m_context = nullptr;
};

// A client per caller at a time: blocking reads must not hold up other threads' commands.
class RedisPool {
 public:
  RedisPool(RedisUrl url, RedisOptions options = {});

  class Lease {
   public:
    Lease(RedisPool& pool, std::unique_ptr<RedisClient> client)
        : m_pool(&pool), m_client(std::move(client)) {}
    Lease(Lease&&) = default;
    ~Lease();
    RedisClient* operator->() { return m_client.get(); }
    RedisClient& operator*() { return *m_client; }

   private:
    RedisPool* m_pool;
    std::unique_ptr<RedisClient> m_client;
  };

  Lease acquire();
  const RedisUrl& url() const { return m_url; }

 private:
  RedisUrl m_url;
  RedisOptions m_options;
  std::mutex m_mutex;
  std::vector<std::unique_ptr<RedisClient>> m_idle;
};

// Runs a Lua script by its SHA (EVALSHA), loading it when Redis does not know it (NOSCRIPT:
// first use, or Redis restarted).
class RedisScript {
 public:
  explicit RedisScript(std::string source);
  Result<RedisReply> run(RedisClient& client, const std::vector<std::string>& keys,
                         std::vector<std::string> args) const;

 private:
  std::string m_source;
  std::string m_sha;
};

}  // namespace arena::server::scaleout

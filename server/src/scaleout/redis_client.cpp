#include "scaleout/redis_client.hpp"

#include <poll.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <iterator>

#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <hiredis/hiredis.h>

namespace arena::server::scaleout {

namespace {

timeval toTimeval(std::chrono::milliseconds ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms.count() % 1000) * 1000);
  return tv;
}

// Copies a hiredis reply (and frees it) so that nothing of hiredis leaves this file.
struct ReplyDeleter {
  void operator()(redisReply* reply) const { freeReplyObject(reply); }
};
using OwnedReply = std::unique_ptr<redisReply, ReplyDeleter>;

RedisReply copyReply(const redisReply& reply) {
  RedisReply out;
  switch (reply.type) {
    case REDIS_REPLY_STATUS:
      out.type = RedisReply::Type::Status;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_STRING:
      out.type = RedisReply::Type::String;
      out.str.assign(reply.str, reply.len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::Integer;
      out.integer = reply.integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::Array;
      out.elements.reserve(reply.elements);
      for (std::size_t i = 0; i < reply.elements; ++i) {
        out.elements.push_back(copyReply(*reply.element[i]));
      }
      break;
    default:
      out.type = RedisReply::Type::Nil;
  }
  return out;
}

// An error reply becomes an Error; anything else a RedisReply.
Result<RedisReply> fromReply(OwnedReply reply) {
  if (reply->type == REDIS_REPLY_ERROR) {
    const std::string message(reply->str, reply->len);
    if (message.starts_with("WRONGPASS") || message.starts_with("NOAUTH") ||
        message.find("invalid password") != std::string::npos) {
      return fail(ErrorCode::Unauthenticated, "redis: " + message);
    }
    return fail(ErrorCode::Internal, "redis: " + message);
  }
  return copyReply(*reply);
}

bool parseInt(std::string_view text, int& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

}  // namespace

Result<RedisUrl> RedisUrl::parse(const std::string& url) {
  constexpr std::string_view kScheme = "redis://";
  const auto bad = [&](const std::string& why) {
    return fail(ErrorCode::InvalidArgument,
                "redis url must look like redis://[:password@]host:port[/db]: " + why);
  };
  if (!url.starts_with(kScheme)) return bad("it does not start with redis://");
  std::string rest = url.substr(kScheme.size());
  RedisUrl out;
  if (const auto at = rest.rfind('@'); at != std::string::npos) {
    std::string auth = rest.substr(0, at);
    rest = rest.substr(at + 1);
    // "user:password" or ":password"; ACL users are not used here, only the password.
    const auto colon = auth.find(':');
    out.password = colon == std::string::npos ? auth : auth.substr(colon + 1);
  }
  std::string hostPort = rest;
  if (const auto slash = rest.find('/'); slash != std::string::npos) {
    hostPort = rest.substr(0, slash);
    const std::string db = rest.substr(slash + 1);
    if (!db.empty() && (!parseInt(db, out.db) || out.db < 0)) return bad("bad database number");
  }
  if (const auto colon = hostPort.rfind(':'); colon != std::string::npos) {
    out.host = hostPort.substr(0, colon);
    if (!parseInt(hostPort.substr(colon + 1), out.port) || out.port < 1 || out.port > 65535) {
      return bad("bad port");
    }
  } else {
    out.host = hostPort;
  }
  if (out.host.empty()) return bad("no host");
  return out;
}

std::string RedisUrl::redacted() const {
  return "redis://" + std::string(password.empty() ? "" : ":***@") + host + ":" +
         std::to_string(port) + "/" + std::to_string(db);
}

RedisClient::RedisClient(RedisUrl url, RedisOptions options)
    : m_url(std::move(url)), m_options(options) {}

RedisClient::~RedisClient() { dropConnection(); }

void RedisClient::dropConnection() {
  if (m_context != nullptr) redisFree(m_context);
  m_context = nullptr;
}

void RedisClient::disconnect() {
  std::lock_guard lock(m_mutex);
  dropConnection();
}

Error RedisClient::ioError(const std::string& what) {
  std::string detail = m_context != nullptr && m_context->errstr[0] != '\0'
                           ? std::string(m_context->errstr)
                           : std::string(std::strerror(errno));
  const bool timedOut = m_context != nullptr && m_context->err == REDIS_ERR_IO &&
                        (errno == EAGAIN || errno == EWOULDBLOCK || errno == ETIMEDOUT);
  dropConnection();
  return Error{timedOut ? ErrorCode::Timeout : ErrorCode::Unavailable,
               "redis " + m_url.host + ":" + std::to_string(m_url.port) + ": " + what + ": " +
                   detail,
               true};
}

Result<void> RedisClient::ensureConnected() {
  if (m_context != nullptr) return {};
  m_context = redisConnectWithTimeout(m_url.host.c_str(), m_url.port,
                                      toTimeval(m_options.connectTimeout));
  if (m_context == nullptr) {
    return fail(ErrorCode::Unavailable, "redis: out of memory connecting");
  }
  if (m_context->err != 0) return std::unexpected(ioError("cannot connect"));
  redisSetTimeout(m_context, toTimeval(m_options.commandTimeout));
  const auto setup = [&](const std::vector<std::string>& args) -> Result<void> {
    std::vector<const char*> argv;
    std::vector<std::size_t> lengths;
    for (const auto& arg : args) {
      argv.push_back(arg.data());
      lengths.push_back(arg.size());
    }
    auto* raw = static_cast<redisReply*>(redisCommandArgv(
        m_context, static_cast<int>(argv.size()), argv.data(), lengths.data()));
    if (raw == nullptr) return std::unexpected(ioError(args[0]));
    auto reply = fromReply(OwnedReply(raw));
    if (!reply) {
      dropConnection();
      return std::unexpected(reply.error());
    }
    return {};
  };
  if (!m_url.password.empty()) {
    if (auto ok = setup({"AUTH", m_url.password}); !ok) return ok;
  }
  if (m_url.db != 0) {
    if (auto ok = setup({"SELECT", std::to_string(m_url.db)}); !ok) return ok;
  }
  return {};
}

Result<void> RedisClient::ping() {
  auto reply = command({"PING"});
  if (!reply) return std::unexpected(reply.error());
  return {};
}

Result<RedisReply> RedisClient::command(const std::vector<std::string>& args) {
  return command(args, std::chrono::milliseconds(0));
}

Result<RedisReply> RedisClient::command(const std::vector<std::string>& args,
                                        std::chrono::milliseconds extra) {
  std::lock_guard lock(m_mutex);
  const bool reused = m_context != nullptr;
  auto reply = commandLocked(args, m_options.commandTimeout + extra);
  // A connection that broke while idle (Redis restarted): once more on a fresh one.
  if (!reply && reused && reply.error().code == ErrorCode::Unavailable) {
    reply = commandLocked(args, m_options.commandTimeout + extra);
  }
  return reply;
}

Result<RedisReply> RedisClient::commandLocked(const std::vector<std::string>& args,
                                              std::chrono::milliseconds timeout) {
  if (auto ok = ensureConnected(); !ok) return std::unexpected(ok.error());
  redisSetTimeout(m_context, toTimeval(timeout));
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  argv.reserve(args.size());
  lengths.reserve(args.size());
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  auto* raw = static_cast<redisReply*>(redisCommandArgv(m_context, static_cast<int>(argv.size()),
                                                        argv.data(), lengths.data()));
  if (raw == nullptr) return std::unexpected(ioError(args.empty() ? "command" : args[0]));
  return fromReply(OwnedReply(raw));
}

Result<void> RedisClient::send(const std::vector<std::string>& args) {
  std::lock_guard lock(m_mutex);
  if (auto ok = ensureConnected(); !ok) return ok;
  std::vector<const char*> argv;
  std::vector<std::size_t> lengths;
  for (const auto& arg : args) {
    argv.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  if (redisAppendCommandArgv(m_context, static_cast<int>(argv.size()), argv.data(),
                             lengths.data()) != REDIS_OK) {
    return std::unexpected(ioError("send"));
  }
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(m_context, &done) != REDIS_OK) return std::unexpected(ioError("send"));
  }
  return {};
}

Result<std::optional<RedisReply>> RedisClient::read(std::chrono::milliseconds timeout) {
  std::lock_guard lock(m_mutex);
  if (m_context == nullptr) return fail(ErrorCode::Unavailable, "redis: not connected");
  const auto take = [&]() -> Result<std::optional<RedisReply>> {
    void* raw = nullptr;
    if (redisGetReplyFromReader(m_context, &raw) != REDIS_OK) {
      return std::unexpected(ioError("read"));
    }
    if (raw == nullptr) return std::optional<RedisReply>{};
    auto reply = fromReply(OwnedReply(static_cast<redisReply*>(raw)));
    if (!reply) return std::unexpected(reply.error());
    return std::optional<RedisReply>(std::move(*reply));
  };
  // A reply already buffered by an earlier read comes first.
  auto buffered = take();
  if (!buffered || *buffered) return buffered;
  pollfd fd{m_context->fd, POLLIN, 0};
  const int ready = ::poll(&fd, 1, static_cast<int>(timeout.count()));
  if (ready < 0) {
    if (errno == EINTR) return std::optional<RedisReply>{};
    return std::unexpected(ioError("poll"));
  }
  if (ready == 0) return std::optional<RedisReply>{};
  if (redisBufferRead(m_context) != REDIS_OK) return std::unexpected(ioError("read"));
  return take();
}

RedisPool::RedisPool(RedisUrl url, RedisOptions options)
    : m_url(std::move(url)), m_options(options) {}

RedisPool::Lease RedisPool::acquire() {
  {
    std::lock_guard lock(m_mutex);
    if (!m_idle.empty()) {
      auto client = std::move(m_idle.back());
      m_idle.pop_back();
      return Lease(*this, std::move(client));
    }
  }
  return Lease(*this, std::make_unique<RedisClient>(m_url, m_options));
}

RedisPool::Lease::~Lease() {
  if (m_pool == nullptr || !m_client) return;
  std::lock_guard lock(m_pool->m_mutex);
  m_pool->m_idle.push_back(std::move(m_client));
}

RedisScript::RedisScript(std::string source) : m_source(std::move(source)) {
  Poco::SHA1Engine engine;
  engine.update(m_source);
  m_sha = Poco::DigestEngine::digestToHex(engine.digest());
}

Result<RedisReply> RedisScript::run(RedisClient& client, const std::vector<std::string>& keys,
                                    std::vector<std::string> args) const {
  std::vector<std::string> argv;
  argv.reserve(3 + keys.size() + args.size());  // a claim round passes 20,000 args: moved, not copied
  argv.insert(argv.end(), {"EVALSHA", m_sha, std::to_string(keys.size())});
  argv.insert(argv.end(), keys.begin(), keys.end());
  std::move(args.begin(), args.end(), std::back_inserter(argv));
  auto reply = client.command(argv);
  if (reply || reply.error().message.find("NOSCRIPT") == std::string::npos) return reply;
  // Not loaded on this Redis (first use, or it restarted): EVAL runs and caches it.
  argv[0] = "EVAL";
  argv[1] = m_source;
  return client.command(argv);
}

}  // namespace arena::server::scaleout

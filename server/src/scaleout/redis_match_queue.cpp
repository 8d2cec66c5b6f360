#include "scaleout/redis_match_queue.hpp"

#include <unistd.h>

#include <charconv>
#include <optional>
#include <random>

namespace arena::server::scaleout {

using matchmaking::Pairing;
using matchmaking::QueueEntry;
using matchmaking::QueueState;

namespace {

// KEYS: waiting, entries, claimed, arrivals. ARGV: user, rating, now (ms).
// -1: being matched (refused); 0: already waiting (rating refreshed, place kept); 1: joined.
const RedisScript kEnqueueScript(R"(
if redis.call('HEXISTS', KEYS[3], ARGV[1]) == 1 then return -1 end
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old then
  local at, arrival = string.match(old, '^[^:]*:([^:]*):([^:]*)$')
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. at .. ':' .. arrival)
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  return 0
end
local arrival = redis.call('INCR', KEYS[4])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3] .. ':' .. arrival)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
)");

// KEYS: waiting, entries. ARGV: user. 1 when the player was waiting.
const RedisScript kRemoveScript(R"(
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('HDEL', KEYS[2], ARGV[1])
)");

// KEYS: entries, claimed. ARGV: user. 0 absent, 1 waiting, 2 being matched.
const RedisScript kStateScript(R"(
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then return 1 end
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 1 then return 2 end
return 0
)");

// The compare-and-remove. KEYS: waiting, entries, claimed. ARGV: now (ms), then per pair
// user a, stamp a, user b, stamp b. Replies a string of one character per pair: '1' claimed,
// '0' skipped whole (a stamp changed, or a player already claimed earlier in this call).
// Bulk commands, not a few per pair: the stamps are read with one HMGET, the claimed leave
// with one ZREM and one HDEL and enter `claimed` with one HSET (in slices: Lua's unpack() has a
// limit), so the script's cost is a handful of commands per call, not five per pair.
const RedisScript kClaimScript(R"(
local slice = 1000
local users = {}
for i = 2, #ARGV, 2 do users[#users + 1] = ARGV[i] end
local held = {}
for i = 1, #users, slice do
  local got = redis.call('HMGET', KEYS[2], unpack(users, i, math.min(i + slice - 1, #users)))
  for j = 1, #got do held[#held + 1] = got[j] end
end
local taken, gone, claims, out = {}, {}, {}, {}
for p = 0, #users / 2 - 1 do
  local i = 2 + 4 * p
  local a, sa, b, sb = ARGV[i], ARGV[i + 1], ARGV[i + 2], ARGV[i + 3]
  if a ~= b and not taken[a] and not taken[b] and held[2 * p + 1] == sa and
     held[2 * p + 2] == sb then
    taken[a], taken[b] = true, true
    local g, c = #gone, #claims
    gone[g + 1], gone[g + 2] = a, b
    claims[c + 1], claims[c + 2] = a, sa .. ':' .. ARGV[1]
    claims[c + 3], claims[c + 4] = b, sb .. ':' .. ARGV[1]
    out[#out + 1] = '1'
  else
    out[#out + 1] = '0'
  end
end
for i = 1, #gone, slice do
  local last = math.min(i + slice - 1, #gone)
  redis.call('ZREM', KEYS[1], unpack(gone, i, last))
  redis.call('HDEL', KEYS[2], unpack(gone, i, last))
end
for i = 1, #claims, slice do
  redis.call('HSET', KEYS[3], unpack(claims, i, math.min(i + slice - 1, #claims)))
end
return table.concat(out)
)");

// KEYS: waiting, entries, claimed. ARGV: user, stamp, rating. Back at the old place, only while
// the claim with that stamp is still held. 1 when restored.
const RedisScript kRestoreScript(R"(
local held = redis.call('HGET', KEYS[3], ARGV[1])
if not held or string.sub(held, 1, #ARGV[2] + 1) ~= ARGV[2] .. ':' then return 0 end
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('HEXISTS', KEYS[2], ARGV[1]) == 0 then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
  redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
end
return 1
)");

// KEYS: lease. ARGV: token. Gives the lease back only if it is still ours.
const RedisScript kUnleaseScript(R"(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)");

std::int64_t millis(Timestamp at) { return at.time_since_epoch().count(); }

std::string stampOf(const QueueEntry& entry) {
  return std::to_string(entry.rating) + ":" + std::to_string(millis(entry.enqueuedAt)) + ":" +
         std::to_string(entry.arrival);
}

template <class T>
bool parseNumber(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// "a:b:c[:d]" -> its numbers; nothing when malformed.
std::optional<std::vector<std::int64_t>> numbersOf(std::string_view text, std::size_t count) {
  std::vector<std::int64_t> numbers;
  while (numbers.size() < count) {
    const std::size_t colon = text.find(':');
    std::int64_t value = 0;
    if (!parseNumber(text.substr(0, colon), value)) return std::nullopt;
    numbers.push_back(value);
    if (colon == std::string_view::npos) break;
    text.remove_prefix(colon + 1);
  }
  if (numbers.size() != count) return std::nullopt;
  return numbers;
}

// A stamp (3 numbers) or a claim (4: the stamp and the claim time) -> the entry.
std::optional<QueueEntry> entryOf(const std::string& user, const std::string& value,
                                  std::size_t count, std::int64_t* claimedAt = nullptr) {
  std::int64_t userId = 0;
  if (!parseNumber(std::string_view(user), userId)) return std::nullopt;
  const auto numbers = numbersOf(value, count);
  if (!numbers) return std::nullopt;
  QueueEntry entry;
  entry.userId = userId;
  entry.rating = static_cast<std::int32_t>((*numbers)[0]);
  entry.enqueuedAt = Timestamp(std::chrono::milliseconds((*numbers)[1]));
  entry.arrival = static_cast<std::uint64_t>((*numbers)[2]);
  if (claimedAt != nullptr && count == 4) *claimedAt = (*numbers)[3];
  return entry;
}

std::string ownerToken() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  std::random_device device;
  return std::string(host) + "-" + std::to_string(::getpid()) + "-" + std::to_string(device());
}

}  // namespace

RedisMatchQueue::RedisMatchQueue(RedisUrl url, RedisOptions redis, RedisMatchQueueOptions options)
    : m_options(std::move(options)),
      m_waiting(m_options.prefix + ":match:waiting"),
      m_entries(m_options.prefix + ":match:entries"),
      m_claimed(m_options.prefix + ":match:claimed"),
      m_arrivals(m_options.prefix + ":match:arrivals"),
      m_lease(m_options.prefix + ":match:lease"),
      m_recovery(m_options.prefix + ":match:recovery"),
      m_owner(ownerToken()),
      m_pool(std::move(url), redis) {}

Result<bool> RedisMatchQueue::enqueue(std::int64_t userId, std::int32_t rating, Timestamp now) {
  auto client = m_pool.acquire();
  auto reply =
      kEnqueueScript.run(*client, {m_waiting, m_entries, m_claimed, m_arrivals},
                         {std::to_string(userId), std::to_string(rating),
                          std::to_string(millis(now))});
  if (!reply) return std::unexpected(reply.error());
  if (reply->integer < 0)
    return fail(ErrorCode::Conflict, "a match is being made for you: dequeue to collect it");
  return reply->integer == 1;
}

Result<bool> RedisMatchQueue::remove(std::int64_t userId) {
  auto client = m_pool.acquire();
  auto reply = kRemoveScript.run(*client, {m_waiting, m_entries}, {std::to_string(userId)});
  if (!reply) return std::unexpected(reply.error());
  return reply->integer == 1;
}

Result<QueueState> RedisMatchQueue::state(std::int64_t userId) {
  auto client = m_pool.acquire();
  auto reply = kStateScript.run(*client, {m_entries, m_claimed}, {std::to_string(userId)});
  if (!reply) return std::unexpected(reply.error());
  if (reply->integer == 1) return QueueState::Waiting;
  if (reply->integer == 2) return QueueState::BeingMatched;
  return QueueState::Absent;
}

Result<std::optional<QueueEntry>> RedisMatchQueue::find(std::int64_t userId) {
  auto client = m_pool.acquire();
  const std::string user = std::to_string(userId);
  auto reply = client->command({"HGET", m_entries, user});
  if (!reply) return std::unexpected(reply.error());
  if (reply->isNil()) return std::optional<QueueEntry>{};
  return entryOf(user, reply->str, 3);  // malformed: as if absent (it is never paired either)
}

Result<std::size_t> RedisMatchQueue::size() {
  auto client = m_pool.acquire();
  auto reply = client->command({"ZCARD", m_waiting});
  if (!reply) return std::unexpected(reply.error());
  return static_cast<std::size_t>(std::max(0LL, reply->integer));
}

Result<std::vector<QueueEntry>> RedisMatchQueue::waiting() {
  auto client = m_pool.acquire();
  auto reply = client->command({"HGETALL", m_entries});
  if (!reply) return std::unexpected(reply.error());
  std::vector<QueueEntry> entries;
  entries.reserve(reply->elements.size() / 2);
  for (std::size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    // A malformed stamp (written by hand) is skipped, never paired: it cannot be claimed back.
    if (auto entry = entryOf(reply->elements[i].str, reply->elements[i + 1].str, 3))
      entries.push_back(*entry);
  }
  return entries;
}

Result<std::vector<Pairing>> RedisMatchQueue::claimRound(Timestamp now) {
  auto client = m_pool.acquire();
  const std::string token = m_owner + "-" + std::to_string(++m_rounds);
  auto leased = client->command({"SET", m_lease, token, "NX", "PX",
                                 std::to_string(m_options.lease.count())});
  if (!leased) return std::unexpected(leased.error());
  if (leased->isNil()) return std::vector<Pairing>{};  // another replica is pairing now
  auto claimed = [&]() -> Result<std::vector<Pairing>> {
    auto entries = waiting();
    if (!entries) return std::unexpected(entries.error());
    const std::vector<Pairing> pairs = matchmaking::pairRound(*entries, now, m_options.rules);
    return claim(*client, pairs, now);
  }();
  // Not given back (Redis went away): it expires after the lease anyway.
  (void)kUnleaseScript.run(*client, {m_lease}, {token});
  return claimed;
}

Result<std::vector<Pairing>> RedisMatchQueue::claim(RedisClient& client,
                                                    const std::vector<Pairing>& pairs,
                                                    Timestamp now) {
  std::vector<Pairing> claimed;
  const std::size_t chunk = std::max<std::size_t>(1, m_options.pairsPerScript);
  for (std::size_t from = 0; from < pairs.size(); from += chunk) {
    const std::size_t to = std::min(pairs.size(), from + chunk);
    std::vector<std::string> args{std::to_string(millis(now))};
    args.reserve(1 + 4 * (to - from));
    for (std::size_t i = from; i < to; ++i) {
      for (const QueueEntry& entry : {pairs[i].first, pairs[i].second}) {
        args.push_back(std::to_string(entry.userId));
        args.push_back(stampOf(entry));
      }
    }
    auto reply = kClaimScript.run(client, {m_waiting, m_entries, m_claimed}, args);
    // The failed chunk claimed nothing (a script runs whole or not at all); earlier chunks'
    // claims are returned so the caller ends them, the rest wait for the next round.
    if (!reply) {
      if (claimed.empty()) return std::unexpected(reply.error());
      return claimed;
    }
    for (std::size_t i = from; i < to && i - from < reply->str.size(); ++i) {
      if (reply->str[i - from] == '1') claimed.push_back(pairs[i]);
    }
  }
  return claimed;
}

Result<void> RedisMatchQueue::release(std::int64_t userId) {
  auto client = m_pool.acquire();
  auto reply = client->command({"HDEL", m_claimed, std::to_string(userId)});
  if (!reply) return std::unexpected(reply.error());
  return {};
}

Result<void> RedisMatchQueue::restore(const QueueEntry& entry) {
  auto client = m_pool.acquire();
  auto reply = kRestoreScript.run(*client, {m_waiting, m_entries, m_claimed},
                                  {std::to_string(entry.userId), stampOf(entry),
                                   std::to_string(entry.rating)});
  if (!reply) return std::unexpected(reply.error());
  return {};
}

Result<std::vector<QueueEntry>> RedisMatchQueue::abandonedClaims(Timestamp now) {
  auto client = m_pool.acquire();
  auto reply = client->command({"HGETALL", m_claimed});
  if (!reply) return std::unexpected(reply.error());
  std::vector<QueueEntry> abandoned;
  const std::int64_t before = millis(now) - m_options.abandonAfter.count();
  for (std::size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    std::int64_t claimedAt = 0;
    auto entry = entryOf(reply->elements[i].str, reply->elements[i + 1].str, 4, &claimedAt);
    if (entry && claimedAt <= before) abandoned.push_back(*entry);
  }
  if (abandoned.empty()) return abandoned;
  // One replica ends them, once per abandonAfter: were two to restore the same claim, the late
  // restore could undo the claim a round made after the first one (same stamp).
  auto mine = client->command({"SET", m_recovery, m_owner, "NX", "PX",
                               std::to_string(m_options.abandonAfter.count())});
  if (!mine) return std::unexpected(mine.error());
  if (mine->isNil()) return std::vector<QueueEntry>{};
  return abandoned;
}

}  // namespace arena::server::scaleout

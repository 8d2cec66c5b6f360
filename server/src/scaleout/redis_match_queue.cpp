#include "scaleout/redis_match_queue.hpp"

#include <unistd.h>

#include <array>
#include <charconv>
#include <cstdio>
#include <optional>
#include <random>

namespace arena::server::scaleout {

using matchmaking::Pairing;
using matchmaking::QueueEntry;
using matchmaking::QueueState;

namespace {

// An `entries` value is a stamp "rating:enqueued_at:arrival" while the player waits, and the
// stamp plus ":claimed_at" while a round is matching them: the claim overwrites the value in
// place instead of moving the player to a hash of its own (one write instead of two).
// Lua patterns for the two shapes:
//   STAMP '^-?%d+:%d+:%d+$'   CLAIM '^-?%d+:%d+:%d+:%d+$'
// (A value of neither shape was written by hand: never paired, overwritten by the next enqueue.)

// KEYS: waiting, entries, arrivals. ARGV: user, rating, now (ms).
// -1: being matched (refused); 0: already waiting (rating refreshed, place kept); 1: joined.
const RedisScript kEnqueueScript(R"(
local old = redis.call('HGET', KEYS[2], ARGV[1])
if old and string.match(old, '^-?%d+:%d+:%d+:%d+$') then return -1 end
local at, arrival
if old then at, arrival = string.match(old, '^-?%d+:(%d+):(%d+)$') end
if at then
  redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. at .. ':' .. arrival)
  redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
  return 0
end
arrival = redis.call('INCR', KEYS[3])
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2] .. ':' .. ARGV[3] .. ':' .. arrival)
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[1])
return 1
)");

// KEYS: waiting, entries. ARGV: user. 1 when the player was waiting (a claim stays).
const RedisScript kRemoveScript(R"(
local value = redis.call('HGET', KEYS[2], ARGV[1])
if not value or not string.match(value, '^-?%d+:%d+:%d+$') then return 0 end
redis.call('ZREM', KEYS[1], ARGV[1])
return redis.call('HDEL', KEYS[2], ARGV[1])
)");

// The compare-and-claim. KEYS: waiting, entries. ARGV: now (ms), n, then n users, then their n
// stamps; users 2k-1 and 2k are a pair. Replies a string of one character per pair: '1'
// claimed, '0' skipped whole (a stamp changed, or a player already claimed earlier in this call).
// Bulk commands, not a few per pair: the stamps are read with one HMGET (straight from ARGV),
// the claimed leave `waiting` with one ZREM and turn into claims with one HSET (in slices:
// Lua's unpack() has a limit), so the script's cost is a handful of commands per call.
const RedisScript kClaimScript(R"(
local now, n, slice = ARGV[1], tonumber(ARGV[2]), 1000
local held = {}
for i = 1, n, slice do
  local got = redis.call('HMGET', KEYS[2], unpack(ARGV, 2 + i, 2 + math.min(i + slice - 1, n)))
  for j = 1, #got do held[#held + 1] = got[j] end
end
local taken, gone, claims, out = {}, {}, {}, {}
for p = 1, n - 1, 2 do
  local a, b, sa, sb = ARGV[2 + p], ARGV[3 + p], ARGV[2 + n + p], ARGV[3 + n + p]
  if a ~= b and not taken[a] and not taken[b] and held[p] == sa and held[p + 1] == sb then
    taken[a], taken[b] = true, true
    local g, c = #gone, #claims
    gone[g + 1], gone[g + 2] = a, b
    claims[c + 1], claims[c + 2] = a, sa .. ':' .. now
    claims[c + 3], claims[c + 4] = b, sb .. ':' .. now
    out[#out + 1] = '1'
  else
    out[#out + 1] = '0'
  end
end
for i = 1, #gone, slice do
  redis.call('ZREM', KEYS[1], unpack(gone, i, math.min(i + slice - 1, #gone)))
end
for i = 1, #claims, slice do
  redis.call('HSET', KEYS[2], unpack(claims, i, math.min(i + slice - 1, #claims)))
end
return table.concat(out)
)");

// KEYS: entries. ARGV: user. Ends the player's claim (their match exists); a waiting entry
// stays. 1 when a claim was ended.
const RedisScript kReleaseScript(R"(
local value = redis.call('HGET', KEYS[1], ARGV[1])
if not value or not string.match(value, '^-?%d+:%d+:%d+:%d+$') then return 0 end
return redis.call('HDEL', KEYS[1], ARGV[1])
)");

// KEYS: waiting, entries. ARGV: user, stamp, rating. Back at the old place, only while the claim
// with that stamp is still held. 1 when restored.
const RedisScript kRestoreScript(R"(
local held = redis.call('HGET', KEYS[2], ARGV[1])
if not held or string.sub(held, 1, #ARGV[2] + 1) ~= ARGV[2] .. ':' then return 0 end
redis.call('HSET', KEYS[2], ARGV[1], ARGV[2])
redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
return 1
)");

// KEYS: lease. ARGV: token. Gives the lease back only if it is still ours.
const RedisScript kUnleaseScript(R"(
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0
)");

std::int64_t millis(Timestamp at) { return at.time_since_epoch().count(); }

// "rating:enqueued_at_ms:arrival".
std::string stampOf(const QueueEntry& entry) {
  char text[64];
  const int length = std::snprintf(text, sizeof text, "%d:%lld:%llu", entry.rating,
                                   static_cast<long long>(millis(entry.enqueuedAt)),
                                   static_cast<unsigned long long>(entry.arrival));
  return std::string(text, static_cast<std::size_t>(length));
}

template <class T>
bool parseNumber(std::string_view text, T& out) {
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && end == text.data() + text.size();
}

// Exactly N numbers joined by ':' -> the numbers; nothing otherwise (so a claim, four numbers,
// is never read as a stamp, three).
template <std::size_t N>
std::optional<std::array<std::int64_t, N>> numbersOf(std::string_view text) {
  std::array<std::int64_t, N> numbers{};
  for (std::size_t i = 0; i < N; ++i) {
    const std::size_t end = i + 1 < N ? text.find(':') : text.size();
    if (end == std::string_view::npos || !parseNumber(text.substr(0, end), numbers[i]))
      return std::nullopt;
    text.remove_prefix(std::min(text.size(), end + 1));
  }
  return numbers;
}

// An `entries` value read back.
struct EntryValue {
  QueueEntry entry;
  std::optional<std::int64_t> claimedAt;  // set for a claim
};

// Nothing for a malformed value (written by hand): never paired, never restored.
std::optional<EntryValue> entryValueOf(std::string_view user, std::string_view value) {
  std::int64_t userId = 0;
  if (!parseNumber(user, userId)) return std::nullopt;
  const auto make = [userId](const auto& n) {
    return QueueEntry{userId, static_cast<std::int32_t>(n[0]),
                      Timestamp(std::chrono::milliseconds(n[1])), static_cast<std::uint64_t>(n[2])};
  };
  if (const auto stamp = numbersOf<3>(value)) return EntryValue{make(*stamp), std::nullopt};
  if (const auto claim = numbersOf<4>(value)) return EntryValue{make(*claim), (*claim)[3]};
  return std::nullopt;
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
      m_arrivals(m_options.prefix + ":match:arrivals"),
      m_lease(m_options.prefix + ":match:lease"),
      m_recovery(m_options.prefix + ":match:recovery"),
      m_owner(ownerToken()),
      m_pool(std::move(url), redis) {}

Result<bool> RedisMatchQueue::enqueue(std::int64_t userId, std::int32_t rating, Timestamp now) {
  auto client = m_pool.acquire();
  auto reply =
      kEnqueueScript.run(*client, {m_waiting, m_entries, m_arrivals},
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

Result<std::optional<RedisMatchQueue::Held>> RedisMatchQueue::held(std::int64_t userId) {
  auto client = m_pool.acquire();
  const std::string user = std::to_string(userId);
  auto reply = client->command({"HGET", m_entries, user});
  if (!reply) return std::unexpected(reply.error());
  if (reply->isNil()) return std::optional<Held>{};
  auto value = entryValueOf(user, reply->str);
  if (!value) return std::optional<Held>{};  // malformed: as if absent (it is never paired)
  return Held{value->entry, value->claimedAt.has_value()};
}

Result<QueueState> RedisMatchQueue::state(std::int64_t userId) {
  auto found = held(userId);
  if (!found) return std::unexpected(found.error());
  if (!*found) return QueueState::Absent;
  return (*found)->claimed ? QueueState::BeingMatched : QueueState::Waiting;
}

Result<std::optional<QueueEntry>> RedisMatchQueue::find(std::int64_t userId) {
  auto found = held(userId);
  if (!found) return std::unexpected(found.error());
  if (!*found || (*found)->claimed) return std::optional<QueueEntry>{};
  return (*found)->entry;
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
    auto value = entryValueOf(reply->elements[i].str, reply->elements[i + 1].str);
    if (value && !value->claimedAt) entries.push_back(value->entry);
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
    const std::size_t players = 2 * (to - from);
    std::vector<std::string> args(2 + 2 * players);  // now, n, the users, then their stamps
    args[0] = std::to_string(millis(now));
    args[1] = std::to_string(players);
    for (std::size_t i = from, at = 2; i < to; ++i, at += 2) {
      args[at] = std::to_string(pairs[i].first.userId);
      args[at + 1] = std::to_string(pairs[i].second.userId);
      args[at + players] = stampOf(pairs[i].first);
      args[at + 1 + players] = stampOf(pairs[i].second);
    }
    auto reply = kClaimScript.run(client, {m_waiting, m_entries}, std::move(args));
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
  auto reply = kReleaseScript.run(*client, {m_entries}, {std::to_string(userId)});
  if (!reply) return std::unexpected(reply.error());
  return {};
}

Result<void> RedisMatchQueue::restore(const QueueEntry& entry) {
  auto client = m_pool.acquire();
  auto reply = kRestoreScript.run(*client, {m_waiting, m_entries},
                                  {std::to_string(entry.userId), stampOf(entry),
                                   std::to_string(entry.rating)});
  if (!reply) return std::unexpected(reply.error());
  return {};
}

Result<std::vector<QueueEntry>> RedisMatchQueue::abandonedClaims(Timestamp now) {
  auto client = m_pool.acquire();
  auto reply = client->command({"HGETALL", m_entries});
  if (!reply) return std::unexpected(reply.error());
  std::vector<QueueEntry> abandoned;
  const std::int64_t before = millis(now) - m_options.abandonAfter.count();
  for (std::size_t i = 0; i + 1 < reply->elements.size(); i += 2) {
    auto value = entryValueOf(reply->elements[i].str, reply->elements[i + 1].str);
    if (value && value->claimedAt && *value->claimedAt <= before)
      abandoned.push_back(value->entry);
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

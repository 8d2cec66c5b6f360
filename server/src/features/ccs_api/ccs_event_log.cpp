#include "features/ccs_api/ccs_event_log.hpp"

#include <algorithm>

namespace arena::server::ccs_api {

namespace {

using json = nlohmann::json;
using storage::sql::SqlSession;

std::string keyOf(const std::string& type, const std::optional<std::string>& id) {
  return type + '\x1f' + id.value_or("");
}

struct Pending {
  std::string type;
  std::optional<std::string> objectId;
  std::optional<std::string> data;
};

// Every object the snapshot holds, in the order the feed should introduce them: the contest,
// then the collections (referenced objects first), the state last so that end_of_updates is the
// final line of a finished contest.
std::vector<Pending> objectsOf(const CcsSnapshot& snapshot) {
  std::vector<Pending> objects;
  objects.push_back(
      {"contest", snapshot.contest.at("id").get<std::string>(), snapshot.contest.dump()});
  for (std::size_t i = 0; i < kCollectionTypes.size(); ++i) {
    for (const json& object : snapshot.collections[i]) {
      objects.push_back({kCollectionTypes[i], object.at("id").get<std::string>(), object.dump()});
    }
  }
  objects.push_back({"state", std::nullopt, snapshot.state.dump()});
  return objects;
}

CcsEvent toEvent(const storage::sql::SqlRow& row) {
  return {row.int64(0), row.text(1), row.optText(2), row.optText(3)};
}

constexpr std::string_view kSelect = "SELECT id, type, object_id, data FROM ccs_events ";

}  // namespace

std::string CcsEvent::line() const {
  json event{{"type", type},
             {"id", objectId ? json(*objectId) : json(nullptr)},
             {"data", data ? json::parse(*data) : json(nullptr)},
             {"token", std::to_string(id)}};
  return event.dump();
}

Result<void> CcsEventLog::record(std::int64_t contestId, const std::string& audience,
                                 const CcsSnapshot& snapshot, Timestamp now) {
  std::lock_guard lock(m_mutex);
  const auto objects = objectsOf(snapshot);
  auto updated = m_database.write([&](SqlSession& session) -> Result<Known> {
    Known known = m_known[{contestId, audience}];  // a copy: the transaction may be retried
    if (m_database.dialect() == storage::sql::Dialect::Mysql) {
      // Serialises appenders of this contest across replicas (SQLite has one writer anyway).
      auto locked = session.query("SELECT id FROM contests WHERE id = ? FOR UPDATE", {contestId});
      if (!locked) return std::unexpected(locked.error());
    }
    auto rows = session.query(
        std::string{kSelect} + "WHERE contest_id = ? AND audience = ? AND id > ? ORDER BY id",
        {contestId, audience, known.lastId});
    if (!rows) return std::unexpected(rows.error());
    for (const auto& row : *rows) {
      const CcsEvent event = toEvent(row);
      known.lastId = event.id;
      if (event.data) {
        known.data[keyOf(event.type, event.objectId)] = *event.data;
      } else {
        known.data.erase(keyOf(event.type, event.objectId));
      }
    }
    std::vector<Pending> changes;
    std::map<std::string, bool> present;
    for (const auto& object : objects) {
      const std::string key = keyOf(object.type, object.objectId);
      present[key] = true;
      const auto it = known.data.find(key);
      if (it == known.data.end() || it->second != *object.data) changes.push_back(object);
    }
    for (const auto& [key, data] : known.data) {
      if (present.contains(key)) continue;
      const auto split = key.find('\x1f');
      changes.push_back({key.substr(0, split), key.substr(split + 1), std::nullopt});
    }
    // Deletions go before the state so a finished feed still ends with end_of_updates.
    std::stable_partition(changes.begin(), changes.end(),
                          [](const Pending& change) { return change.type != "state"; });
    for (const auto& change : changes) {
      auto inserted = session.execute(
          "INSERT INTO ccs_events (contest_id, audience, type, object_id, data, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?)",
          {contestId, audience, change.type, change.objectId, change.data, now});
      if (!inserted) return std::unexpected(inserted.error());
      known.lastId = inserted->lastInsertId;
      const std::string key = keyOf(change.type, change.objectId);
      if (change.data) {
        known.data[key] = *change.data;
      } else {
        known.data.erase(key);
      }
    }
    return known;
  });
  if (!updated) return std::unexpected(updated.error());
  m_known[{contestId, audience}] = std::move(*updated);
  return {};
}

Result<std::vector<CcsEvent>> CcsEventLog::since(std::int64_t contestId,
                                                 const std::string& audience, std::int64_t afterId,
                                                 std::size_t limit) {
  auto rows = m_database.read([&](SqlSession& session) {
    return session.query(std::string{kSelect} +
                             "WHERE contest_id = ? AND audience = ? AND id > ? ORDER BY id "
                             "LIMIT ?",
                         {contestId, audience, afterId, static_cast<std::int64_t>(limit)});
  });
  if (!rows) return std::unexpected(rows.error());
  std::vector<CcsEvent> events;
  events.reserve(rows->size());
  for (const auto& row : *rows) events.push_back(toEvent(row));
  return events;
}

Result<std::int64_t> CcsEventLog::lastId(std::int64_t contestId, const std::string& audience) {
  auto rows = m_database.read([&](SqlSession& session) {
    return session.query(
        "SELECT COALESCE(MAX(id), 0) FROM ccs_events WHERE contest_id = ? AND audience = ?",
        {contestId, audience});
  });
  if (!rows) return std::unexpected(rows.error());
  return rows->empty() ? 0 : (*rows)[0].int64(0);
}

}  // namespace arena::server::ccs_api

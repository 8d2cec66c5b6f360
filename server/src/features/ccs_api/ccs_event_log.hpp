#pragma once
// The event feed's persisted log (table ccs_events, migration 0006).
//
// Theory of operation: the feed is not written by the features that change things (judging,
// contests, clarifications know nothing of the Contest API). Instead, whenever a feed or a
// scoreboard is asked for, the current snapshot (ccs_objects) is compared with what the log last
// said about each object, and an event is appended for every object that is new or changed (and
// a deletion, data null, for one that is gone: a rejudge replaces its judgement). The log is
// append-only and its row id is the token, so a client resuming with since_token gets exactly
// the rows after it: no gaps, no duplicates, whatever happened in between.
//
// There is one log per contest and audience: "jury" (everything) and "public" (the freeze and
// private clarifications hidden). Teams read the public log; their private answers are in
// GET /clarifications. Appending runs in one write transaction that first locks the contest row
// (MySQL) or holds SQLite's single writer, so two requests (or replicas) never append the same
// change twice. What each log last said is cached per process and topped up from the rows past
// the cache, so a sync reads only what is new.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "features/ccs_api/ccs_objects.hpp"
#include "storage/sql/sql_database.hpp"

namespace arena::server::ccs_api {

struct CcsEvent {
  std::int64_t id = 0;  // the token
  std::string type;
  std::optional<std::string> objectId;
  std::optional<std::string> data;  // JSON text; none: deleted

  // The NDJSON line (without the newline): {"type","id","data","token"}.
  std::string line() const;
};

class CcsEventLog {
 public:
  explicit CcsEventLog(storage::sql::SqlDatabase& database) : m_database(database) {}

  // Appends what changed in `snapshot` since the log last spoke; `audience` is "jury"/"public".
  Result<void> record(std::int64_t contestId, const std::string& audience,
                      const CcsSnapshot& snapshot, Timestamp now);
  // The events after `afterId` (0: from the beginning), oldest first, at most `limit`.
  Result<std::vector<CcsEvent>> since(std::int64_t contestId, const std::string& audience,
                                      std::int64_t afterId, std::size_t limit);
  // The newest token of the log; 0 when empty.
  Result<std::int64_t> lastId(std::int64_t contestId, const std::string& audience);

 private:
  struct Known {
    std::int64_t lastId = 0;
    std::map<std::string, std::string> data;  // "type\x1fid" -> JSON text (absent: deleted)
  };

  storage::sql::SqlDatabase& m_database;
  std::mutex m_mutex;  // one sync at a time per process; guards m_known
  std::map<std::pair<std::int64_t, std::string>, Known> m_known;
};

}  // namespace arena::server::ccs_api

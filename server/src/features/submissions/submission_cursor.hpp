#pragma once
// The paging cursor of GET /api/submissions as clients see it: an opaque string that is the
// storage keyset cursor "<created_at in ms>.<id>". Clients must not build it, only echo it; we
// still parse it strictly, because it is caller input that reaches a query.

#include <optional>
#include <string>
#include <string_view>

#include "storage/submission_repository.hpp"

namespace arena::server::submissions {

std::string encodeCursor(const storage::SubmissionCursor& cursor);
// Nothing for anything that encodeCursor() could not have produced.
std::optional<storage::SubmissionCursor> decodeCursor(std::string_view text);

}  // namespace arena::server::submissions

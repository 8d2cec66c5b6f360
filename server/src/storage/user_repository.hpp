#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/user.hpp"

namespace arena::server::storage {

struct NewUser {
  std::string email;
  std::string username;
  std::string passwordHash;  // an argon2id string; hashing is the auth feature's job
  model::Role role = model::Role::Contestant;
};

// The stored account: the public User plus what only the server may see.
struct UserAccount {
  model::User user;
  std::string passwordHash;
  double ratingDeviation = 350.0;  // Glicko-2
  double volatility = 0.06;
  Timestamp createdAt{};

  friend bool operator==(const UserAccount&, const UserAccount&) = default;
};

struct RatingChange {
  std::int64_t userId = 0;
  std::int32_t rating = 1500;
  double ratingDeviation = 350.0;
  double volatility = 0.06;
  std::optional<std::int64_t> matchId;  // the duel that caused it, if any
};

class UserRepository {
 public:
  virtual ~UserRepository() = default;

  // Conflict when the email or the username is taken.
  virtual Result<UserAccount> create(const NewUser& user) = 0;
  // Every account or none, in one transaction (bulk import). Conflict naming the first taken
  // username or email; nothing is created then.
  virtual Result<std::vector<UserAccount>> createMany(std::span<const NewUser> users) = 0;
  // NotFound when there is no such user.
  virtual Result<UserAccount> findById(std::int64_t id) = 0;
  virtual Result<UserAccount> findByEmail(std::string_view email) = 0;
  virtual Result<UserAccount> findByUsername(std::string_view username) = 0;
  // Sets the ratings and appends each to rating_history, all in one transaction (both players of
  // a duel change together or not at all). NotFound (and nothing changed) for an unknown user.
  virtual Result<void> updateRatings(std::span<const RatingChange> changes) = 0;
};

}  // namespace arena::server::storage

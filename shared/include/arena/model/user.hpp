#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <utility>

#include "arena/model/enum_names.hpp"

namespace arena::model {

enum class Role { Contestant, Proctor, Admin };

template <>
struct EnumNames<Role> {
  static constexpr std::array kNames{
      std::pair{Role::Contestant, "contestant"},
      std::pair{Role::Proctor, "proctor"},
      std::pair{Role::Admin, "admin"},
  };
};

// A public view of an account: never carries the password hash.
struct User {
  std::int64_t id = 0;
  std::string email;
  std::string username;
  Role role = Role::Contestant;
  std::int32_t rating = 1500;

  friend bool operator==(const User&, const User&) = default;
};

}  // namespace arena::model

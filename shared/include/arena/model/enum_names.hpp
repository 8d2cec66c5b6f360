#pragma once
// One table per enum gives its wire names; codecs, logs and the API all read the same table.
// Specialise EnumNames<E> with `static constexpr std::array kNames{std::pair{E::X, "x"}, ...}`.

#include <optional>
#include <string>
#include <string_view>

namespace arena::model {

template <class E>
struct EnumNames;

template <class E>
constexpr std::string_view enumName(E value) {
  for (const auto& [candidate, name] : EnumNames<E>::kNames) {
    if (candidate == value) return name;
  }
  return "?";
}

template <class E>
constexpr std::optional<E> enumFromName(std::string_view name) {
  for (const auto& [candidate, candidateName] : EnumNames<E>::kNames) {
    if (candidateName == name) return candidate;
  }
  return std::nullopt;
}

// "easy, medium, hard" — for error messages.
template <class E>
std::string enumNameList() {
  std::string list;
  for (const auto& entry : EnumNames<E>::kNames) {
    if (!list.empty()) list += ", ";
    list += entry.second;
  }
  return list;
}

}  // namespace arena::model

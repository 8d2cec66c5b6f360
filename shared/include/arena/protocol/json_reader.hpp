#pragma once
// Reads a JSON object field by field and keeps the first problem it meets, so a codec reads as a
// plain list of fields and still answers "submission.tests[2].time_ms: must be >= 0" instead of
// throwing from deep inside nlohmann. After the last field, finish() turns the collected value
// into a Result.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "arena/core/error.hpp"
#include "arena/core/timestamp.hpp"
#include "arena/model/enum_names.hpp"

namespace arena::protocol {

class JsonReader {
 public:
  // `path` names the object in messages ("user", "submission.tests[2]").
  JsonReader(const nlohmann::json& object, std::string path);

  bool ok() const { return !m_error.has_value(); }
  const std::string& path() const { return m_path; }

  std::int64_t integer(std::string_view key, std::int64_t min, std::int64_t max);
  std::optional<std::int64_t> optionalInteger(std::string_view key, std::int64_t min,
                                              std::int64_t max);
  double number(std::string_view key, double min, double max);
  bool boolean(std::string_view key);
  std::optional<bool> optionalBoolean(std::string_view key);
  // Strings are limited in length (in bytes) so hostile input cannot balloon a model.
  std::string string(std::string_view key, std::size_t minLength, std::size_t maxLength);
  std::optional<std::string> optionalString(std::string_view key, std::size_t maxLength);
  Timestamp timestamp(std::string_view key);
  std::optional<Timestamp> optionalTimestamp(std::string_view key);

  template <class E>
  E enumeration(std::string_view key) {
    const auto* value = field(key, isString, "a string");
    if (value == nullptr) return E{};
    return parseEnum<E>(key, value->get_ref<const std::string&>());
  }

  template <class E>
  std::optional<E> optionalEnumeration(std::string_view key) {
    if (isAbsent(key)) return std::nullopt;
    return enumeration<E>(key);
  }

  // Reads an array whose elements are decoded by `decode(element, elementPath)`.
  template <class T, class Decode>
  std::vector<T> array(std::string_view key, std::size_t maxItems, Decode decode) {
    std::vector<T> items;
    const auto* value = field(key, isArray, "an array");
    if (value == nullptr) return items;
    if (value->size() > maxItems) {
      setError(key, "must have at most " + std::to_string(maxItems) + " items");
      return items;
    }
    items.reserve(value->size());
    for (std::size_t i = 0; i < value->size(); ++i) {
      Result<T> item =
          decode((*value)[i], m_path + "." + std::string(key) + "[" + std::to_string(i) + "]");
      if (!item) {
        if (ok()) m_error = item.error();
        return items;
      }
      items.push_back(std::move(*item));
    }
    return items;
  }

  // Fails the read with a rule that involves several fields ("ended_at before started_at").
  void reject(std::string_view key, std::string_view why) { setError(key, why); }

  template <class T>
  Result<T> finish(T value) {
    if (m_error) return std::unexpected(*m_error);
    return value;
  }

 private:
  static bool isString(const nlohmann::json& value) { return value.is_string(); }
  static bool isArray(const nlohmann::json& value) { return value.is_array(); }

  bool isAbsent(std::string_view key) const;
  using TypeCheck = bool (*)(const nlohmann::json&);
  // The field if present and of the right type; otherwise records why and returns nullptr.
  const nlohmann::json* field(std::string_view key, TypeCheck isType, std::string_view typeName);
  void setError(std::string_view key, std::string_view why);

  template <class E>
  E parseEnum(std::string_view key, const std::string& text) {
    if (auto parsed = model::enumFromName<E>(text)) return *parsed;
    setError(key, "unknown value '" + text.substr(0, 64) + "' (expected one of " +
                      model::enumNameList<E>() + ")");
    return E{};
  }

  const nlohmann::json& m_object;
  std::string m_path;
  std::optional<Error> m_error;
};

// Decoders start here: anything that is not an object is rejected before any field is read.
Result<JsonReader> readObject(const nlohmann::json& value, std::string path);

}  // namespace arena::protocol

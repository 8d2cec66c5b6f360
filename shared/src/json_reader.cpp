#include "arena/protocol/json_reader.hpp"

#include <cmath>

namespace arena::protocol {

namespace {

std::string describe(const nlohmann::json& value) {
  switch (value.type()) {
    case nlohmann::json::value_t::null:
      return "null";
    case nlohmann::json::value_t::boolean:
      return "a boolean";
    case nlohmann::json::value_t::number_float:
      return "a fractional number";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned:
      return "an integer";
    case nlohmann::json::value_t::string:
      return "a string";
    case nlohmann::json::value_t::array:
      return "an array";
    case nlohmann::json::value_t::object:
      return "an object";
    default:
      return "an unsupported value";
  }
}

bool isInteger(const nlohmann::json& value) { return value.is_number_integer(); }
bool isNumber(const nlohmann::json& value) { return value.is_number(); }
bool isBoolean(const nlohmann::json& value) { return value.is_boolean(); }

}  // namespace

JsonReader::JsonReader(const nlohmann::json& object, std::string path)
    : m_object(object), m_path(std::move(path)) {}

Result<JsonReader> readObject(const nlohmann::json& value, std::string path) {
  if (!value.is_object()) {
    return fail(ErrorCode::InvalidArgument, path + ": expected an object, got " + describe(value));
  }
  return JsonReader(value, std::move(path));
}

bool JsonReader::isAbsent(std::string_view key) const {
  const auto it = m_object.find(key);
  return it == m_object.end() || it->is_null();
}

void JsonReader::setError(std::string_view key, std::string_view why) {
  if (m_error) return;  // the first problem is the one worth reporting
  m_error =
      Error{ErrorCode::InvalidArgument, m_path + "." + std::string(key) + ": " + std::string(why)};
}

const nlohmann::json* JsonReader::field(std::string_view key, TypeCheck isType,
                                        std::string_view typeName) {
  if (m_error) return nullptr;
  const auto it = m_object.find(key);
  if (it == m_object.end()) {
    setError(key, "is required");
    return nullptr;
  }
  if (!isType(*it)) {
    setError(key, "expected " + std::string(typeName) + ", got " + describe(*it));
    return nullptr;
  }
  return &*it;
}

std::int64_t JsonReader::integer(std::string_view key, std::int64_t min, std::int64_t max) {
  const auto* value = field(key, isInteger, "an integer");
  if (value == nullptr) return 0;
  // Unsigned values above INT64_MAX cannot be in range; compare before converting.
  if (value->is_number_unsigned() &&
      value->get<std::uint64_t>() > static_cast<std::uint64_t>(max)) {
    setError(key, "must be <= " + std::to_string(max));
    return 0;
  }
  const auto number = value->get<std::int64_t>();
  if (number < min) {
    setError(key, "must be >= " + std::to_string(min));
    return 0;
  }
  if (number > max) {
    setError(key, "must be <= " + std::to_string(max));
    return 0;
  }
  return number;
}

std::optional<std::int64_t> JsonReader::optionalInteger(std::string_view key, std::int64_t min,
                                                        std::int64_t max) {
  if (isAbsent(key)) return std::nullopt;
  return integer(key, min, max);
}

double JsonReader::number(std::string_view key, double min, double max) {
  const auto* value = field(key, isNumber, "a number");
  if (value == nullptr) return 0;
  const auto number = value->get<double>();
  if (!std::isfinite(number) || number < min || number > max) {
    setError(key, "must be between " + std::to_string(min) + " and " + std::to_string(max));
    return 0;
  }
  return number;
}

bool JsonReader::boolean(std::string_view key) {
  const auto* value = field(key, isBoolean, "a boolean");
  return value != nullptr && value->get<bool>();
}

std::optional<bool> JsonReader::optionalBoolean(std::string_view key) {
  if (isAbsent(key)) return std::nullopt;
  return boolean(key);
}

std::string JsonReader::string(std::string_view key, std::size_t minLength, std::size_t maxLength) {
  const auto* value = field(key, isString, "a string");
  if (value == nullptr) return {};
  const auto& text = value->get_ref<const std::string&>();
  if (text.size() < minLength) {
    setError(key, minLength == 1 ? "must not be empty"
                                 : "must be at least " + std::to_string(minLength) + " bytes");
    return {};
  }
  if (text.size() > maxLength) {
    setError(key, "must be at most " + std::to_string(maxLength) + " bytes");
    return {};
  }
  return text;
}

std::optional<std::string> JsonReader::optionalString(std::string_view key, std::size_t maxLength) {
  if (isAbsent(key)) return std::nullopt;
  return string(key, 0, maxLength);
}

Timestamp JsonReader::timestamp(std::string_view key) {
  const auto* value = field(key, isString, "a timestamp string");
  if (value == nullptr) return {};
  auto parsed = parseTimestamp(value->get_ref<const std::string&>());
  if (!parsed) {
    setError(key, "expected a UTC timestamp like 2026-01-31T09:00:00.000Z");
    return {};
  }
  return *parsed;
}

std::optional<Timestamp> JsonReader::optionalTimestamp(std::string_view key) {
  if (isAbsent(key)) return std::nullopt;
  return timestamp(key);
}

}  // namespace arena::protocol

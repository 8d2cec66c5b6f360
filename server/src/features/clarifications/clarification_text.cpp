#include "features/clarifications/clarification_text.hpp"

namespace arena::server::clarifications {

namespace {

std::size_t sequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

bool validUtf8WithoutControls(std::string_view text) {
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequenceLength(lead);
    if (length == 0 || i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      if ((static_cast<unsigned char>(text[i + k]) & 0xC0) != 0x80) return false;
    }
    if (length == 1 && ((lead < 0x20 && lead != '\n' && lead != '\t' && lead != '\r') ||
                        lead == 0x7F)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace

Result<std::string> checkClarificationText(std::string_view text, std::string_view field,
                                           std::size_t maxBytes) {
  const std::string name(field);
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return fail(ErrorCode::InvalidArgument, name + " is empty");
  const auto last = text.find_last_not_of(" \t\r\n");
  const std::string_view trimmed = text.substr(first, last - first + 1);
  if (trimmed.size() > maxBytes) {
    return fail(ErrorCode::InvalidArgument,
                name + " is longer than " + std::to_string(maxBytes) + " bytes");
  }
  if (!validUtf8WithoutControls(trimmed)) {
    return fail(ErrorCode::InvalidArgument,
                name + " must be UTF-8 text without control characters");
  }
  return std::string(trimmed);
}

}  // namespace arena::server::clarifications

#include "features/auth/credential_rules.hpp"

#include <algorithm>

namespace arena::server::auth {

namespace {

bool isAsciiAlnum(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

// Visible ASCII other than '@': no spaces, no controls. ASCII only, so every stored address is
// valid UTF-8 and can always be serialised to JSON.
bool isLocalPartByte(unsigned char c) { return c > 0x20 && c < 0x7F && c != '@'; }

bool isValidDomainLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  if (label.front() == '-' || label.back() == '-') return false;
  return std::all_of(label.begin(), label.end(), [](char c) {
    return isAsciiAlnum(static_cast<unsigned char>(c)) ||
           c == '-';  // internationalised names come as xn--...
  });
}

bool isValidDomain(std::string_view domain) {
  if (domain.find('.') == std::string_view::npos) return false;  // "user@localhost" is a typo here
  std::size_t start = 0;
  while (true) {
    const auto dot = domain.find('.', start);
    const auto label = domain.substr(start, dot == std::string_view::npos ? dot : dot - start);
    if (!isValidDomainLabel(label)) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
}

}  // namespace

Result<std::string> normaliseEmail(std::string_view email) {
  if (email.size() > CredentialRules::kMaxEmailBytes) {
    return fail(
        ErrorCode::InvalidArgument,
        "email must be at most " + std::to_string(CredentialRules::kMaxEmailBytes) + " bytes");
  }
  const auto at = email.find('@');
  if (at == std::string_view::npos || email.find('@', at + 1) != std::string_view::npos) {
    return fail(ErrorCode::InvalidArgument, "email must look like name@example.org");
  }
  const auto local = email.substr(0, at);
  const auto domain = email.substr(at + 1);
  if (local.empty() || local.size() > CredentialRules::kMaxEmailLocalBytes ||
      !std::all_of(local.begin(), local.end(),
                   [](char c) { return isLocalPartByte(static_cast<unsigned char>(c)); }) ||
      !isValidDomain(domain)) {
    return fail(ErrorCode::InvalidArgument, "email must look like name@example.org");
  }
  std::string normalised(email);
  for (char& c : normalised) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return normalised;
}

Result<void> checkUsername(std::string_view username) {
  if (username.size() < CredentialRules::kMinUsernameBytes ||
      username.size() > CredentialRules::kMaxUsernameBytes) {
    return fail(ErrorCode::InvalidArgument,
                "username must be " + std::to_string(CredentialRules::kMinUsernameBytes) + " to " +
                    std::to_string(CredentialRules::kMaxUsernameBytes) + " characters");
  }
  const bool allowed = std::all_of(username.begin(), username.end(), [](char c) {
    return isAsciiAlnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
  if (!allowed) {
    return fail(ErrorCode::InvalidArgument,
                "username may only contain letters, digits, '_', '.' and '-'");
  }
  return {};
}

}  // namespace arena::server::auth

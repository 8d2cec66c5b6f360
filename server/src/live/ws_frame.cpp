// Theory of operation: see ws_frame.hpp.
#include "live/ws_frame.hpp"

#include <algorithm>

namespace arena::server::live {

namespace {

constexpr std::size_t kMaxControlPayload = 125;

bool isControl(std::uint8_t opcode) { return (opcode & 0x8) != 0; }

bool isKnown(std::uint8_t opcode) {
  return opcode <= 0x2 || (opcode >= 0x8 && opcode <= 0xA);
}

// Codes a peer may put in a close frame (RFC 6455 7.4.1/7.4.2: 1004-1006 and 1015 are never sent).
bool isSendableCloseCode(std::uint16_t code) {
  if (code >= 3000 && code <= 4999) return true;
  return code >= 1000 && code <= 1014 && code != 1004 && code != 1005 && code != 1006;
}

}  // namespace

bool isValidUtf8(std::string_view text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    const unsigned char lead = bytes[i];
    if (lead < 0x80) {
      ++i;
      continue;
    }
    std::size_t length = 0;
    std::uint32_t codePoint = 0;
    if (lead >= 0xC2 && lead <= 0xDF) {
      length = 2;
      codePoint = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      length = 3;
      codePoint = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      length = 4;
      codePoint = lead & 0x07;
    } else {
      return false;  // a continuation byte, an overlong 2-byte lead (C0, C1) or beyond F4
    }
    if (i + length > size) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const unsigned char next = bytes[i + k];
      if ((next & 0xC0) != 0x80) return false;
      codePoint = (codePoint << 6) | (next & 0x3F);
    }
    // Overlong forms, UTF-16 surrogates and code points past U+10FFFF.
    if ((length == 3 && codePoint < 0x800) || (length == 4 && codePoint < 0x10000) ||
        (codePoint >= 0xD800 && codePoint <= 0xDFFF) || codePoint > 0x10FFFF) {
      return false;
    }
    i += length;
  }
  return true;
}

FrameParser::FrameParser(std::size_t maxMessageBytes) : m_maxMessageBytes(maxMessageBytes) {}

void FrameParser::feed(std::string_view bytes) {
  if (m_error) return;
  // Drop the consumed prefix before growing, so the buffer stays about one frame long.
  if (m_offset > 0 && (m_offset == m_buffer.size() || m_offset > 4096)) {
    m_buffer.erase(0, m_offset);
    m_offset = 0;
  }
  m_buffer.append(bytes);
}

std::expected<std::optional<Message>, FrameError> FrameParser::failWith(std::uint16_t code,
                                                                        std::string reason) {
  m_error = FrameError{code, std::move(reason)};
  m_buffer.clear();
  m_fragments.clear();
  m_offset = 0;
  return std::unexpected(*m_error);
}

std::expected<std::optional<Message>, FrameError> FrameParser::next() {
  if (m_error) return std::unexpected(*m_error);
  for (;;) {
    const auto* data = reinterpret_cast<const unsigned char*>(m_buffer.data()) + m_offset;
    const std::size_t available = m_buffer.size() - m_offset;
    if (available < 2) return std::nullopt;

    const bool fin = (data[0] & 0x80) != 0;
    if ((data[0] & 0x70) != 0) return failWith(kCloseProtocolError, "reserved bits set");
    const std::uint8_t opcode = data[0] & 0x0F;
    if (!isKnown(opcode)) return failWith(kCloseProtocolError, "unknown opcode");
    if ((data[1] & 0x80) == 0) return failWith(kCloseProtocolError, "client frame not masked");

    std::uint64_t length = data[1] & 0x7F;
    std::size_t header = 2;
    if (length == 126) {
      if (available < 4) return std::nullopt;
      length = (std::uint64_t{data[2]} << 8) | data[3];
      header = 4;
      if (length < 126) return failWith(kCloseProtocolError, "length not minimally encoded");
    } else if (length == 127) {
      if (available < 10) return std::nullopt;
      if ((data[2] & 0x80) != 0) return failWith(kCloseProtocolError, "length over 2^63");
      length = 0;
      for (int k = 2; k < 10; ++k) length = (length << 8) | data[k];
      header = 10;
      if (length <= 0xFFFF) return failWith(kCloseProtocolError, "length not minimally encoded");
    }

    if (isControl(opcode)) {
      if (!fin) return failWith(kCloseProtocolError, "fragmented control frame");
      if (length > kMaxControlPayload) {
        return failWith(kCloseProtocolError, "control frame over 125 bytes");
      }
    } else if (opcode == static_cast<std::uint8_t>(Opcode::Continuation)) {
      if (!m_fragmentedOpcode) return failWith(kCloseProtocolError, "continuation of nothing");
    } else if (m_fragmentedOpcode) {
      return failWith(kCloseProtocolError, "new message inside a fragmented one");
    }
    // Refused on the header alone: a client cannot make us buffer more than the cap.
    if (!isControl(opcode) && length > m_maxMessageBytes - std::min(m_maxMessageBytes,
                                                                     m_fragments.size())) {
      return failWith(kCloseTooBig, "message over " + std::to_string(m_maxMessageBytes) + " bytes");
    }

    const std::size_t frameBytes = header + 4 + static_cast<std::size_t>(length);
    if (available < frameBytes) return std::nullopt;
    const unsigned char* mask = data + header;
    const unsigned char* payload = mask + 4;
    std::string unmasked(static_cast<std::size_t>(length), '\0');
    for (std::size_t k = 0; k < unmasked.size(); ++k) {
      unmasked[k] = static_cast<char>(payload[k] ^ mask[k & 3]);
    }
    m_offset += frameBytes;

    if (isControl(opcode)) {
      return Message{static_cast<Opcode>(opcode), std::move(unmasked)};
    }
    if (opcode != static_cast<std::uint8_t>(Opcode::Continuation)) {
      m_fragmentedOpcode = static_cast<Opcode>(opcode);
    }
    m_fragments += unmasked;
    if (!fin) continue;

    Message message{*m_fragmentedOpcode, std::move(m_fragments)};
    m_fragments.clear();
    m_fragmentedOpcode.reset();
    if (message.opcode == Opcode::Text && !isValidUtf8(message.payload)) {
      return failWith(kCloseInvalidPayload, "text message is not UTF-8");
    }
    return message;
  }
}

std::string buildFrame(Opcode opcode, std::string_view payload) {
  std::string frame;
  frame.reserve(payload.size() + 10);
  frame.push_back(static_cast<char>(0x80 | static_cast<std::uint8_t>(opcode)));
  const std::uint64_t length = payload.size();
  if (length < 126) {
    frame.push_back(static_cast<char>(length));
  } else if (length <= 0xFFFF) {
    frame.push_back(static_cast<char>(126));
    frame.push_back(static_cast<char>((length >> 8) & 0xFF));
    frame.push_back(static_cast<char>(length & 0xFF));
  } else {
    frame.push_back(static_cast<char>(127));
    for (int shift = 56; shift >= 0; shift -= 8) {
      frame.push_back(static_cast<char>((length >> shift) & 0xFF));
    }
  }
  frame.append(payload);
  return frame;
}

std::string buildCloseFrame(std::uint16_t code, std::string_view reason) {
  std::string payload;
  payload.push_back(static_cast<char>(code >> 8));
  payload.push_back(static_cast<char>(code & 0xFF));
  reason = reason.substr(0, kMaxControlPayload - 2);
  // A cut must not leave half a UTF-8 sequence behind.
  while (!reason.empty() && !isValidUtf8(reason)) reason.remove_suffix(1);
  payload.append(reason);
  return buildFrame(Opcode::Close, payload);
}

std::expected<std::optional<std::uint16_t>, FrameError> parseClosePayload(
    std::string_view payload) {
  if (payload.empty()) return std::nullopt;
  if (payload.size() == 1) return std::unexpected(FrameError{kCloseProtocolError, "1-byte close"});
  const auto code = static_cast<std::uint16_t>(
      (static_cast<unsigned char>(payload[0]) << 8) | static_cast<unsigned char>(payload[1]));
  if (!isSendableCloseCode(code)) {
    return std::unexpected(FrameError{kCloseProtocolError, "invalid close code"});
  }
  if (!isValidUtf8(payload.substr(2))) {
    return std::unexpected(FrameError{kCloseInvalidPayload, "close reason is not UTF-8"});
  }
  return code;
}

}  // namespace arena::server::live

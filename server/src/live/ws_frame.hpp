#pragma once
// The WebSocket wire format (RFC 6455), written here rather than borrowed from Poco so that a
// reactor can parse bytes as they arrive on a non-blocking socket and build each server frame
// once for any number of clients.
//
// Theory of operation
//   Client -> server: FrameParser takes bytes in any slicing (feed), and next() returns whole
//   messages (fragments joined) and control frames as they complete. It is strict, because its
//   input is hostile: every client frame must be masked, reserved bits must be zero (we
//   negotiate no extension), lengths must use the shortest encoding, control frames must be
//   final and at most 125 bytes, a continuation needs a message to continue and a new message
//   must not start inside another. A message is refused (1009) as soon as a header announces
//   more than the cap, before its payload is buffered. Text must be valid UTF-8 (1007). The
//   first error is final: the parser returns it on every later call and the connection is
//   closed with its close code.
//   Server -> client: buildFrame() makes one final, unmasked frame; the hub shares the bytes.

#include <cstddef>
#include <cstdint>
#include <expected>
#include <optional>
#include <string>
#include <string_view>

namespace arena::server::live {

enum class Opcode : std::uint8_t {
  Continuation = 0x0,
  Text = 0x1,
  Binary = 0x2,
  Close = 0x8,
  Ping = 0x9,
  Pong = 0xA,
};

// Close codes we send (RFC 6455 section 7.4, plus our own in the 4000 range).
inline constexpr std::uint16_t kCloseNormal = 1000;
inline constexpr std::uint16_t kCloseGoingAway = 1001;      // the server stops
inline constexpr std::uint16_t kCloseProtocolError = 1002;  // a malformed frame
inline constexpr std::uint16_t kCloseUnsupportedData = 1003;  // binary messages
inline constexpr std::uint16_t kCloseInvalidPayload = 1007;   // text that is not UTF-8
inline constexpr std::uint16_t kCloseTooBig = 1009;           // a message over the cap
inline constexpr std::uint16_t kCloseSlowClient = 4008;       // the outbound queue overflowed

// A whole message (Text/Binary, fragments joined) or a control frame (Close/Ping/Pong).
struct Message {
  Opcode opcode = Opcode::Text;
  std::string payload;
};

struct FrameError {
  std::uint16_t closeCode = kCloseProtocolError;
  std::string reason;
};

class FrameParser {
 public:
  explicit FrameParser(std::size_t maxMessageBytes = 64 * 1024);

  // Appends bytes read from the socket.
  void feed(std::string_view bytes);
  // The next complete message or control frame; nullopt while more bytes are needed.
  std::expected<std::optional<Message>, FrameError> next();
  // Bytes fed but not yet consumed (a bound the caller can check).
  std::size_t buffered() const { return m_buffer.size() - m_offset; }

 private:
  std::expected<std::optional<Message>, FrameError> failWith(std::uint16_t code,
                                                             std::string reason);

  std::size_t m_maxMessageBytes;
  std::string m_buffer;
  std::size_t m_offset = 0;  // consumed prefix of m_buffer
  // A fragmented data message in progress.
  std::optional<Opcode> m_fragmentedOpcode;
  std::string m_fragments;
  std::optional<FrameError> m_error;
};

// One final, unmasked server frame. Control frames must carry at most 125 bytes.
std::string buildFrame(Opcode opcode, std::string_view payload);
// A close frame carrying `code` and a reason (cut to fit the 125-byte control frame limit).
std::string buildCloseFrame(std::uint16_t code, std::string_view reason = {});

// The code of a received close frame's payload: nullopt for an empty payload (no code given);
// an error for a 1-byte payload, a code that must not be sent, or a reason that is not UTF-8.
std::expected<std::optional<std::uint16_t>, FrameError> parseClosePayload(std::string_view payload);

bool isValidUtf8(std::string_view text);

}  // namespace arena::server::live

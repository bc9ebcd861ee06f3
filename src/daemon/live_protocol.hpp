#pragma once
// The daemon's query socket, protocol version 1 (docs/CLI.md "The daemon's socket"). One request
// per connection: a line of JSON, then one line of JSON back.
//
//   request:  {"version":1, "command":"top"|"status"|"entries", "netns":{"dev":D,"ino":I}, "json":true|false,
//              "by":["src",...], "n":10, "filter":{"src":[..],"dst":[..],"sport":"..","dport":"..",
//              "proto":"..","state":"..","zone":"..","mark":".."},
//              "thresholds":{"warn":W,"cap":C,"suspend":S}}
//   response: {"version":1, "output": <what the command prints: its JSON object, or its text>}
//             or {"version":1, "error":"why"}
//   entries:  a header line and the table's entries in binary records (daemon/live_entries_wire.hpp)
//
// The filter travels as typed and the daemon validates it with the commands' own build_filter(),
// so both accept the same. Anything unexpected (another version, a key of the wrong type, a
// request over kMaxRequest bytes) is refused; the command then reads the kernel itself.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "host/netns_thread.hpp"
#include "lib/result.hpp"
#include "model/filter.hpp"
#include "model/level.hpp"
#include "model/top.hpp"

namespace ctguard {

inline constexpr int kLiveProtocol = 1;
inline constexpr size_t kMaxLiveRequest = 64 * 1024;
// A response holds at most one row per group, and a table of 262,144 entries at most that many.
inline constexpr size_t kMaxLiveResponse = 256 << 20;

enum class LiveCommand { top, status, entries };

struct LiveRequest {
    LiveCommand command = LiveCommand::top;
    NetnsId netns;  // the caller's namespace: only the live table of that one answers
    bool json = false;
    std::vector<TopKey> by;  // top
    size_t n = 10;           // top
    FilterArgs filter;       // top
    Thresholds thresholds;   // status
    size_t width = 80;       // status: the caller's text width (its terminal, $COLUMNS or --wide)
};

std::string live_request_line(const LiveRequest& r);
// Keys `top` groups by that the live table can answer: not process (the caller's sockets) or netns.
bool live_key(TopKey key);
Result<LiveRequest> parse_live_request(std::string_view line);

std::string live_response_line(const nlohmann::json& output);
std::string live_error_line(const std::string& why);
// The output of a response, or nullopt for an error or anything malformed.
std::optional<nlohmann::json> parse_live_response(std::string_view line);

}  // namespace ctguard

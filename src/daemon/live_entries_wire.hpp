#pragma once
// The answer to the daemon's "entries" query (daemon/live_protocol.hpp, docs/CLI.md "The daemon's
// socket"): a live table's entries for a caller that needs every one of them (`check` joins each
// flow to a process), which a line of JSON would make slow at 262,144 entries. The answer is one
// JSON header line, then exactly `entries` fixed-size records in this little-endian layout, written
// and read field by field (never a struct's memory, so no padding or byte order leaks through):
//
//   offset  bytes  field
//        0      1  family (AF_INET 2, AF_INET6 10)
//        1      1  protocol number
//        2      1  state (255: none)
//        3      2  zone
//        5      4  status (IPS_* bits)
//        9      4  mark
//       13      4  id
//       17     41  original tuple
//       58     41  reply tuple
//   a tuple:
//        0      1  its addresses' family (0: no tuple, as a dump that skipped it leaves it)
//        1     16  source address (IPv4: the first 4 bytes, the rest zero)
//       17     16  destination address
//       33      2  source port
//       35      2  destination port
//       37      1  ICMP type
//       38      1  ICMP code
//       39      2  ICMP id
//
// A record carries what a live table holds (analysis/live_entries.hpp): no counters, timeout or use.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "model/flow_sink.hpp"
#include "model/live_table.hpp"

namespace ctguard {

inline constexpr size_t kLiveEntryBytes = 99;
// Far above any table the kernel holds (nf_conntrack_max is rarely over a few million): a header
// that claims more is refused before anything is read.
inline constexpr uint64_t kMaxLiveEntries = uint64_t{1} << 24;
// A header is a short line; more bytes without a newline is not one.
inline constexpr size_t kMaxLiveEntriesHeader = 4096;

struct LiveEntriesHeader {
    uint64_t entries = 0;  // records that follow the line
    LiveSync sync;
};

// {"version":1,"entries":N,"record_bytes":99,"resynced_ago":S,"sync_reason":"..","resyncs":R}\n
std::string live_entries_header_line(const LiveEntriesHeader& header);
// nullopt for an error line ({"version":1,"error":".."}), another version or record size, more than
// kMaxLiveEntries, or anything malformed.
std::optional<LiveEntriesHeader> parse_live_entries_header(std::string_view line);

// Writes flow's record into the kLiveEntryBytes at `record`.
void encode_live_entry(const Flow& flow, unsigned char* record);
// Reads a record into flow (the parts LiveEntries::kParts; counters, timeout and use zero). False
// when it is not one: an unknown family, or address bytes set that the family does not use.
bool decode_live_entry(const unsigned char* record, Flow& flow);

// An answer's records once they have all arrived, every one of them checked: replay() cannot stop
// half-way, so a caller that falls back to the kernel has fed its sinks nothing.
class ReceivedEntries {
  public:
    // nullopt unless `records` is exactly header.entries records that decode.
    static std::optional<ReceivedEntries> check(const LiveEntriesHeader& header, std::string records);
    const LiveSync& sync() const { return sync_; }
    size_t size() const { return records_.size() / kLiveEntryBytes; }
    // Every entry into sink, as a dump would deliver it.
    void replay(FlowSink& sink) const;

  private:
    ReceivedEntries(LiveSync sync, std::string records)
        : sync_(std::move(sync)), records_(std::move(records)) {}
    LiveSync sync_;
    std::string records_;
};

}  // namespace ctguard

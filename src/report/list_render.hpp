#pragma once
// `ctguard list`: entries as an aligned text table or as JSON ({"entries":[...]}, streamed).
#include <cstdio>
#include <optional>
#include <string>

#include <fmt/format.h>

#include "model/flow.hpp"
#include "report/text_table.hpp"

namespace ctguard {

// Streams {"entries":[...]} to `out` as entries arrive; memory stays flat whatever the table size.
class JsonListWriter {
  public:
    explicit JsonListWriter(std::FILE* out);
    ~JsonListWriter();
    // list --all-netns: the entries that follow are namespace `name`'s ("netns" in each entry).
    void set_netns(const std::string& name) { netns_ = name; }
    void add(const Flow& flow);
    // Closes the array and object; extra top-level fields may be appended first (as "key":value text).
    void finish(const std::string& extra_fields = "");

  private:
    void flush();
    std::FILE* out_;
    std::optional<std::string> netns_;
    fmt::memory_buffer buf_;
    bool first_ = true;
    bool finished_ = false;
};

// Collects rows for an aligned table (text output is for people: they ask for bounded lists).
class TextListWriter {
  public:
    // with_netns: a NETNS column first (list --all-netns), filled from set_netns().
    explicit TextListWriter(bool with_netns = false);
    void set_netns(const std::string& name) { netns_ = name; }
    void add(const Flow& flow);
    std::string render() const { return table_.render(); }
    size_t rows() const { return table_.rows(); }

  private:
    bool with_netns_;
    std::string netns_ = "host";
    TextTable table_;
};

}  // namespace ctguard

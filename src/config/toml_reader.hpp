#pragma once
// Reading typed values out of the daemon's TOML configuration, each mistake as "FILE:LINE: KEY: WHY"
// (exit 64) so it is fixed before the daemon starts.
#include <toml++/toml.h>

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "lib/result.hpp"

namespace ctguard {

// Parses a whole configuration file; a syntax error, or a byte that is not ASCII, is "FILE:LINE: WHY".
Result<toml::table> parse_toml(std::string_view text, const std::string& source);

class TomlReader {
  public:
    explicit TomlReader(std::string source) : source_(std::move(source)) {}

    Error error(const toml::source_region& where, const std::string& key, const std::string& why,
                std::string hint = {}) const;
    // An error of a shared value parser (model/filter.hpp), whose `what` is the key, placed at `n`.
    Error error_at(const toml::node& n, const Error& e) const;

    // Every key of `table` must be one of `allowed`.
    Result<void> known_keys(const toml::table& table, const std::string& prefix,
                            std::initializer_list<std::string_view> allowed) const;
    Result<uint64_t> count(const toml::node& n, const std::string& key, uint64_t lo, uint64_t hi) const;
    // A number of seconds, or a duration string ("30s", "5m", "90d").
    Result<double> seconds(const toml::node& n, const std::string& key, double lo, double hi) const;
    Result<std::string> string(const toml::node& n, const std::string& key) const;
    Result<bool> boolean(const toml::node& n, const std::string& key) const;
    // A string or an array of strings.
    Result<std::vector<std::string>> strings(const toml::node& n, const std::string& key) const;
    // [[tenant]] / [[action]]: an array of tables; anything else there is a mistake.
    Result<const toml::array*> array_of_tables(const toml::node& n, const std::string& key) const;

  private:
    std::string source_;
};

}  // namespace ctguard

#pragma once
// Reads sshd_config the way OpenSSH's servconf.c does: Include globs (relative to /etc/ssh, expanded in
// lexical order, nested up to 16 deep), Match blocks (a Match inside an included file ends with that
// file), case-insensitive keywords. Every path is read under --root.
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "lib/root_dir.hpp"
#include "model/sshd_config.hpp"

namespace ctguard {

struct SshdLine {
    std::string keyword;  // lower case, aliases resolved; empty for a blank or comment line
    std::vector<std::string> args;
    std::string error;  // non-empty when sshd would reject the line
};

// One line of sshd_config:
//   Keyword arg "quoted arg" # comment      Keyword=arg      Keyword = arg
// A '#' that starts a token ends the line; quotes (' or ") group; backslash escapes quotes and blanks.
SshdLine split_sshd_line(std::string_view line);

// Files not yet on disk that should be read as if they were (a drop-in `harden ssh` is about to write).
using SshdOverlay = std::map<std::string, std::string>;

inline constexpr const char* kSshdConfigPath = "/etc/ssh/sshd_config";

SshdConfig read_sshd_config(const RootDir& root, const std::string& main_path = kSshdConfigPath,
                            const SshdOverlay& overlay = {});

}  // namespace ctguard

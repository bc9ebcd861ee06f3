#include "host/sshd_config.hpp"

#include <fnmatch.h>
#include <glob.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "lib/text.hpp"

namespace ctguard {

namespace {

constexpr int kMaxIncludeDepth = 16;  // SERVCONF_MAX_DEPTH
// sshd has no such limit, but two Includes of its own directory in one drop-in make 2^16 reads within
// the depth limit (fuzz/sshd_config found it: `check` hung); no real configuration comes near.
constexpr size_t kMaxFiles = 256;
constexpr std::string_view kBlanks = " \t\r\n\f";

std::string canonical_keyword(std::string_view keyword) {
    std::string k = to_lower(keyword);
    // servconf.c keeps these as aliases of one option.
    if (k == "challengeresponseauthentication" || k == "skeyauthentication")
        return "kbdinteractiveauthentication";
    return k;
}

// misc.c argv_split(..., terminate_on_comment=1). Returns false on an unterminated quote.
bool split_args(std::string_view s, std::vector<std::string>& out) {
    size_t i = 0;
    while (i < s.size()) {
        if (s[i] == ' ' || s[i] == '\t') {
            ++i;
            continue;
        }
        if (s[i] == '#') break;
        std::string arg;
        char quote = 0;
        for (; i < s.size(); ++i) {
            char c = s[i];
            if (c == '\\' && i + 1 < s.size() &&
                (s[i + 1] == '\'' || s[i + 1] == '"' || s[i + 1] == '\\' ||
                 (quote == 0 && s[i + 1] == ' '))) {
                arg.push_back(s[++i]);
            } else if (quote == 0 && (c == ' ' || c == '\t')) {
                break;
            } else if (quote == 0 && (c == '"' || c == '\'')) {
                quote = c;
            } else if (quote != 0 && c == quote) {
                quote = 0;
            } else {
                arg.push_back(c);
            }
        }
        if (quote != 0) return false;
        out.push_back(std::move(arg));
    }
    return true;
}

// Escapes glob metacharacters in the --root prefix so only the pattern part is a pattern.
std::string glob_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (std::strchr("*?[]\\", c)) out.push_back('\\');
        out.push_back(c);
    }
    return out;
}

class Reader {
  public:
    Reader(const RootDir& root, const SshdOverlay& overlay, SshdConfig& config)
        : root_(root), overlay_(overlay), config_(config) {}

    // Returns false when the file cannot be read.
    bool read_file(const std::string& path, const std::vector<std::string>& outer_match, int depth) {
        std::string text;
        if (auto o = overlay_.find(path); o != overlay_.end()) {
            text = o->second;
        } else if (auto t = read_small_file(root_.path(path))) {
            text = std::move(*t);
        } else {
            return false;
        }
        config_.files.push_back({path, text});
        // A Match inside this file lasts until the next Match or the end of this file.
        std::vector<std::string> match = outer_match;
        int line_no = 0;
        for (auto raw : split(text, '\n')) {
            ++line_no;
            SshdLine line = split_sshd_line(raw);
            if (!line.error.empty()) {
                config_.problems.push_back({path, line_no, line.error});
                continue;
            }
            if (line.keyword.empty()) continue;
            if (line.keyword == "match") {
                if (line.args.empty()) {
                    config_.problems.push_back(
                        {path, line_no, "Match needs a condition (e.g. 'Match User deploy')"});
                    continue;
                }
                match = outer_match;
                match.push_back(join(line.args, " "));
            } else if (line.keyword == "include") {
                for (const auto& arg : line.args) include(path, line_no, match, arg, depth);
            } else {
                config_.directives.push_back({line.keyword, line.args, path, line_no, match});
            }
        }
        return true;
    }

  private:
    void include(const std::string& from, int line_no, const std::vector<std::string>& match,
                 const std::string& arg, int depth) {
        if (depth + 1 > kMaxIncludeDepth) {
            config_.problems.push_back(
                {from, line_no, "more than 16 nested Includes (does a file include itself?)"});
            return;
        }
        SshdInclude inc{from, line_no, match, arg, {}};
        // servconf.c: a pattern not starting with '/' or '~' is relative to SSHDIR (/etc/ssh).
        if (arg[0] != '/' && arg[0] != '~') inc.pattern = "/etc/ssh/" + arg;
        inc.matched = expand(inc.pattern);
        config_.includes.push_back(inc);
        for (const auto& path : inc.matched) {
            if (config_.files.size() >= kMaxFiles) {
                if (!too_many_) {
                    config_.problems.push_back({from, line_no,
                                                "more than 256 files read (Includes that include each other?): " +
                                                    path + " and the rest were skipped"});
                }
                too_many_ = true;
                return;
            }
            if (!read_file(path, match, depth + 1)) {
                config_.problems.push_back(
                    {from, line_no, "cannot read included file " + path + ": " + small_file_error(errno)});
            }
        }
    }

    // glob(3) order (sorted, byte order in the C locale sshd runs with) plus overlay files that match.
    std::vector<std::string> expand(const std::string& pattern) {
        std::set<std::string> paths;
        glob_t g{};
        std::string full = glob_escape(root_.dir) + pattern;
        if (::glob(full.c_str(), 0, nullptr, &g) == 0) {
            for (size_t i = 0; i < g.gl_pathc; ++i)
                paths.insert(std::string(g.gl_pathv[i]).substr(root_.dir.size()));
        }
        ::globfree(&g);
        for (const auto& [path, text] : overlay_) {
            if (::fnmatch(pattern.c_str(), path.c_str(), FNM_PATHNAME | FNM_PERIOD) == 0) paths.insert(path);
        }
        return {paths.begin(), paths.end()};
    }

    const RootDir& root_;
    const SshdOverlay& overlay_;
    SshdConfig& config_;
    bool too_many_ = false;  // kMaxFiles reached (reported once)
};

}  // namespace

SshdLine split_sshd_line(std::string_view line) {
    SshdLine out;
    while (!line.empty() && kBlanks.find(line.back()) != std::string_view::npos) line.remove_suffix(1);
    while (!line.empty() && kBlanks.find(line.front()) != std::string_view::npos) line.remove_prefix(1);
    if (line.empty() || line.front() == '#') return out;

    // servconf.c takes the keyword with strdelim(): up to a blank, a quote or one '='.
    size_t end = line.find_first_of(" \t\r\n\"=");
    std::string_view keyword = line.substr(0, end);
    std::string_view rest = end == std::string_view::npos ? std::string_view() : line.substr(end);
    while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    if (!rest.empty() && rest.front() == '=') {
        rest.remove_prefix(1);
        while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\t')) rest.remove_prefix(1);
    }
    out.keyword = canonical_keyword(keyword);
    if (rest.empty()) {
        out.error = "no argument after keyword \"" + std::string(keyword) + "\"";
    } else if (!split_args(rest, out.args)) {
        out.error = "unbalanced quotes";
    } else if (out.args.empty() && out.keyword != "match") {
        out.error = "missing argument for \"" + std::string(keyword) + "\"";
    }
    return out;
}

SshdConfig read_sshd_config(const RootDir& root, const std::string& main_path, const SshdOverlay& overlay) {
    SshdConfig config;
    config.main_path = main_path;
    Reader reader(root, overlay, config);
    config.found = reader.read_file(main_path, {}, 0);
    return config;
}

}  // namespace ctguard

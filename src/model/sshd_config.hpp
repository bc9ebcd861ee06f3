#pragma once
// sshd_config as sshd reads it: every directive in reading order (Includes expanded), each with the
// Match conditions it sits under; and the settings sshd ends up running with.
#include <map>
#include <string>
#include <vector>

namespace ctguard {

struct SshdDirective {
    std::string keyword;            // lower case, aliases resolved (challengeresponseauthentication ->
                                    // kbdinteractiveauthentication)
    std::vector<std::string> args;  // split and unquoted as sshd does
    std::string file;               // absolute path on the audited system
    int line = 0;
    std::vector<std::string> match;  // enclosing Match conditions, outermost first; empty: global

    // sshd applies a directive at start-up when no condition restricts it ("Match all" matches always).
    bool global() const;
    std::string match_text() const;  // "User deploy", or "User deploy, then Address 198.18.0.0/15"
};

struct SshdInclude {
    std::string file;  // the file holding the Include line
    int line = 0;
    std::vector<std::string> match;
    std::string pattern;               // absolute glob, relative ones resolved against /etc/ssh
    std::vector<std::string> matched;  // files it pulled in, in the order sshd reads them
};

// A line sshd would refuse to start with.
struct SshdProblem {
    std::string file;
    int line = 0;
    std::string message;
};

struct SshdConfigFile {
    std::string path;
    std::string text;
};

struct SshdConfig {
    std::string main_path;
    bool found = false;  // the main file exists
    std::vector<SshdDirective> directives;
    std::vector<SshdInclude> includes;
    std::vector<SshdConfigFile> files;  // every file read, main first
    std::vector<SshdProblem> problems;
};

struct SshdSetting {
    std::string value;  // normalised: lower-case yes/no words, "prohibit-password" for "without-password"
    std::string file;   // where it was set; empty when it is sshd's built-in default
    int line = 0;
};

struct SshdSettings {
    std::string source = "parser";              // "parser" or "sshd -T"
    std::map<std::string, SshdSetting> values;  // lower-case keyword -> setting

    const SshdSetting& setting(const std::string& keyword) const;
    const std::string& value(const std::string& keyword) const { return setting(keyword).value; }
    bool yes(const std::string& keyword) const { return value(keyword) == "yes"; }
};

// The keywords ctguard reads, by lower-case keyword: how sshd_config(5) spells each and its default.
struct SshdKeyword {
    const char* name;  // sshd_config(5) spelling
    const char*
        default_value;  // servconf.c fill_default_server_options(), OpenSSH 9.2 as Debian 12 builds it
};

const std::map<std::string, SshdKeyword>& sshd_keywords();
// "passwordauthentication" -> "PasswordAuthentication"; unknown keywords as given.
std::string sshd_directive_name(const std::string& keyword);

}  // namespace ctguard

#include "analysis/shell_command.hpp"

#include <regex>
#include <vector>

#include "lib/text.hpp"

namespace ctguard {

namespace {

const std::regex& fetch_re() {
    static const std::regex re(
        R"((^|[^\w-])(curl|wget|fetch|tftp|ftpget|lwp-download)([^\w-]|$)|/dev/(tcp|udp)/)");
    return re;
}

const std::regex& decode_re() {
    static const std::regex re(R"(base64\s+(-d|--decode|-D)|\bxxd\s+-r|\bopenssl\s+(enc\s+)?-?base64\s+-d)");
    return re;
}

// Where fetched bytes become a running program.
const std::regex& run_re() {
    static const std::regex re(
        R"re(\|\s*(sudo\s+)?(\S*/)?(sh|bash|dash|zsh|ksh|ash|python[0-9.]*|perl|php|ruby)([\s;)"'`]|$)|)re"
        R"re(\b(sh|bash|dash|zsh|ksh)\s+-c\s*["']?\s*(\$\(|`)|)re"
        R"re(\beval\b|(\b(sh|bash|source)|(^|\s)\.)\s+<\(|)re"
        R"re(\bchmod\s+(\S+\s+)*(\+x|[augo]+\+[rwx]*x|[0-7]?[0-7]*[1357][0-7]*)\s)re");
    return re;
}

// Shell control characters split a line into simple commands.
std::vector<std::vector<std::string>> simple_commands(std::string_view line) {
    std::vector<std::vector<std::string>> out(1);
    std::string word;
    auto end_word = [&] {
        if (!word.empty()) out.back().push_back(std::move(word));
        word.clear();
    };
    auto end_command = [&] {
        end_word();
        if (!out.back().empty()) out.emplace_back();
    };
    for (size_t i = 0; i < line.size(); ++i) {
        char c = line[i];
        if (c == '"' || c == '\'' || c == '\\') continue;  // quoted text is read as more words
        if (c == ' ' || c == '\t') {
            end_word();
        } else if (c == ';' || c == '|' || c == '&' || c == '(' || c == ')' || c == '`' || c == '\n' ||
                   (c == '$' && i + 1 < line.size() && line[i + 1] == '(')) {
            end_command();
        } else if (c == '>' || c == '<') {
            // A redirection target is not a program: skip "> /tmp/log" and "2>&1".
            end_word();
            while (i + 1 < line.size() && (line[i + 1] == '>' || line[i + 1] == '&' || line[i + 1] == ' '))
                ++i;
            while (i + 1 < line.size() && line[i + 1] != ' ' && line[i + 1] != ';' && line[i + 1] != '|') ++i;
        } else {
            word.push_back(c);
        }
    }
    end_command();
    if (out.back().empty()) out.pop_back();
    return out;
}

bool is_home(std::string_view path) {
    return path.starts_with("/root/") || path.starts_with("/home/") || path.starts_with("~/") ||
           path.starts_with("$HOME/") || path.starts_with("${HOME}/");
}

bool writable_or_hidden(std::string_view path, bool home_dots_ok) {
    for (std::string_view dir : {"/tmp/", "/var/tmp/", "/dev/shm/", "/run/shm/"}) {
        if (path.starts_with(dir)) return true;
    }
    if (home_dots_ok && is_home(path)) return false;
    // A directory or file whose name starts with a dot: "/usr/bin/.sshd", "/root/.x/run".
    for (auto part : split(path, '/')) {
        if (part.size() > 1 && part.front() == '.' && part != "..") return true;
    }
    return false;
}

// Words that run the next word as the program.
bool is_wrapper(std::string_view w) {
    return w == "nohup" || w == "setsid" || w == "exec" || w == "sudo" || w == "env" || w == "nice" ||
           w == "command" || w == "time" || w == "ionice" || w == "then" || w == "do" || w == "else" ||
           w == "!" || w == "{";
}

bool is_interpreter(std::string_view w) {
    auto base = w.substr(w.rfind('/') == std::string_view::npos ? 0 : w.rfind('/') + 1);
    return base == "sh" || base == "bash" || base == "dash" || base == "zsh" || base == "ksh" ||
           base == "ash" || base.starts_with("python") || base == "perl" || base == "php" || base == "ruby" ||
           base == "source" || base == ".";
}

}  // namespace

bool runs_fetched_code(std::string_view command) {
    if (command.size() > max_command_length) return false;
    std::string s(command);
    if (!std::regex_search(s, fetch_re()) && !std::regex_search(s, decode_re())) return false;
    return std::regex_search(s + " ", run_re());
}

std::optional<std::string> writable_exec_path(std::string_view command, bool home_dots_ok) {
    std::string cwd;
    for (const auto& words : simple_commands(command)) {
        size_t i = 0;
        // Skip "VAR=value" assignments and wrappers such as nohup and sudo (and their -options).
        while (i < words.size() && (words[i].find('=') != std::string::npos || is_wrapper(words[i]) ||
                                    (i > 0 && is_wrapper(words[i - 1]) && words[i].front() == '-'))) {
            ++i;
        }
        if (i >= words.size()) continue;
        std::string program = words[i];
        if (program == "cd" && i + 1 < words.size()) {
            cwd = words[i + 1];
            continue;
        }
        if (is_interpreter(program)) {
            // The script: the first word after the interpreter that is not an option.
            size_t j = i + 1;
            while (j < words.size() && words[j].front() == '-') ++j;
            if (j < words.size()) program = words[j];
        }
        if (program.starts_with("./") && !cwd.empty()) program = cwd + "/" + program.substr(2);
        if (program.starts_with("/") || program.starts_with("~") || program.starts_with("$HOME")) {
            if (writable_or_hidden(program, home_dots_ok)) return program;
        }
    }
    return std::nullopt;
}

}  // namespace ctguard

#pragma once
// One audit finding (the `audit` shape of docs/CLI.md): what is wrong, where, and what to do about it.
#include <string>
#include <string_view>
#include <vector>

namespace ctguard {

enum class Severity { high, medium, low };

inline std::string_view severity_name(Severity s) {
    switch (s) {
        case Severity::high:
            return "high";
        case Severity::medium:
            return "medium";
        case Severity::low:
            return "low";
    }
    return "low";
}

struct Finding {
    std::string id;  // stable dotted name, e.g. "ssh.password_auth" (docs/commands.md lists them all)
    Severity severity = Severity::low;
    std::string file;  // absolute path on the audited system (without the --root prefix)
    int line = 0;      // 1-based; 0 when the finding is about the whole file or a default value
    std::string message;
    std::string fix;
};

}  // namespace ctguard

#include "cli/command_line.hpp"

#include <algorithm>

#include "lib/text.hpp"

namespace ctguard {

std::vector<CLI::App*> all_subcommands(CLI::App* app) {
    return app->get_subcommands([](CLI::App*) { return true; });
}

// "ctguard harden ssh" for the ssh subcommand of harden.
std::string command_path(const CLI::App* app) {
    std::string path;
    for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
        const std::string name = a->get_parent() == nullptr ? "ctguard" : a->get_name();
        path = path.empty() ? name : name + " " + path;
    }
    return path;
}

namespace {

std::vector<std::string> subcommand_names(CLI::App* app) {
    std::vector<std::string> names;
    for (auto* sub : all_subcommands(app)) names.push_back(sub->get_name());
    return names;
}

// The option a word names, looked up where CLI11 would: the command, then (fallthrough) its parents.
const CLI::Option* find_option(const CLI::App* app, const std::string& word) {
    for (const CLI::App* a = app; a != nullptr; a = a->get_parent()) {
        if (const auto* opt = a->get_option_no_throw(word)) return opt;
    }
    return nullptr;
}

bool has_positionals(CLI::App* app) {
    return !app->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
}

// The command the parse got to: the last subcommand chosen at each level.
CLI::App* deepest_parsed(CLI::App& app) {
    CLI::App* cur = &app;
    while (!cur->get_subcommands().empty()) cur = cur->get_subcommands().back();
    return cur;
}

// "--top: Value abc not in range 1 to 1000000" -> {"--top", "Value abc not in range 1 to 1000000"}.
std::pair<std::string, std::string> split_subject(const std::string& message) {
    auto at = message.find(": ");
    if (at == std::string::npos || message.compare(0, 1, "-") != 0) return {"", message};
    return {message.substr(0, at), message.substr(at + 2)};
}

// CLI11's range validator says "Value abc not in range 1 to 1000000".
std::string plain_range(const std::string& why) {
    const std::string value = "Value ", range = " not in range ", to = " to ";
    auto r = why.find(range);
    if (!why.starts_with(value) || r == std::string::npos) return why;
    auto t = why.find(to, r + range.size());
    if (t == std::string::npos) return why;
    auto number = [](const std::string& s) {
        auto n = parse_u64(s);
        return n ? with_thousands(*n) : s;
    };
    return "'" + why.substr(value.size(), r - value.size()) + "' is not a number from " +
           number(why.substr(r + range.size(), t - r - range.size())) + " to " + number(why.substr(t + to.size()));
}

}  // namespace

std::vector<std::string> expand_help(std::vector<std::string> words) {
    auto first = std::find_if(words.begin(), words.end(), [](const std::string& w) { return !w.starts_with("-"); });
    if (first == words.end() || *first != "help") return words;
    words.erase(first);
    words.push_back("--help");
    return words;
}

std::optional<Error> unknown_command(CLI::App& app, const std::vector<std::string>& words) {
    CLI::App* cur = &app;
    for (size_t i = 0; i < words.size(); ++i) {
        const std::string& w = words[i];
        if (w == "--") break;
        if (w.starts_with("-")) {
            // An option that takes a value swallows the next word (--netns 101 is not a command).
            const auto* opt = w.find('=') == std::string::npos ? find_option(cur, w) : nullptr;
            if (opt != nullptr && opt->get_expected_max() > 0) ++i;
            continue;
        }
        const auto names = subcommand_names(cur);
        if (names.empty()) break;
        auto subs = all_subcommands(cur);
        auto sub = std::find_if(subs.begin(), subs.end(), [&](CLI::App* a) { return a->check_name(w); });
        if (sub != subs.end()) {
            cur = *sub;
            continue;
        }
        if (cur != &app && has_positionals(cur)) break;
        const std::string near = nearest_word(w, names);
        const std::string path = command_path(cur);
        std::string hint = near.empty() ? "" : "did you mean '" + path + " " + near + "'? ";
        hint += cur == &app ? "'ctguard help' lists the commands"
                            : "'" + path + "' has: " + join(names, ", ");
        return Error::usage(cur == &app ? "usage" : path, "unknown command '" + printable(w) + "'", hint);
    }
    return std::nullopt;
}

Error usage_error(CLI::App& app, const CLI::ParseError& e) {
    CLI::App* cur = deepest_parsed(app);
    const std::string path = command_path(cur);
    const std::string help_hint =
        "see '" + (cur == &app ? std::string("ctguard help") : "ctguard help " + path.substr(8)) + "'";
    auto [subject, why] = split_subject(e.what());
    // CLI11's error names are not reliable (some take the command's name): its messages are.
    if (why.starts_with("A subcommand is required")) {
        if (cur == &app)
            return Error::usage("usage", "no command given", "'ctguard help' lists the commands; start with 'ctguard check'");
        return Error::usage(path, "needs a subcommand: " + join(subcommand_names(cur), ", "), help_hint);
    }
    if (why.find(" required ") != std::string::npos && why.ends_with(" missing")) why = "needs a value";
    why = plain_range(why);
    if (why.starts_with("Could not convert: ")) {
        // "Could not convert: --interval = abc"
        auto rest = why.substr(19);
        auto eq = rest.find(" = ");
        if (eq != std::string::npos) {
            subject = rest.substr(0, eq);
            why = "'" + rest.substr(eq + 3) + "' is not a valid value";
        }
    }
    // CLI11 names an ExtrasError after the command that threw it, so it is known by its message.
    if (why.starts_with("The following argument")) {
        // "The following argument(s) was/were not expected: X Y"
        subject = path;
        why = "does not take '" + why.substr(why.find("expected: ") + 10) + "'";
    }
    return Error::usage(subject.empty() ? "usage" : subject, printable(why), help_hint);
}

std::string option_value_name(const CLI::Option* opt) {
    const std::string type = opt->get_type_name();
    return type.substr(0, type.find(':'));
}

void polish_help(CLI::App& app) {
    for (auto* opt : app.get_options()) {
        if (opt->get_type_name() != "TEXT") continue;
        std::string name = opt->get_name(false, true);
        while (name.starts_with("-")) name.erase(0, 1);
        opt->type_name(to_upper(name));
    }
    if (app.get_parent() != nullptr) {
        app.footer(
            "Global options, before or after the command: --netns NS, --json, --root DIR, --wide\n"
            "All commands: ctguard help");
    }
    for (auto* sub : all_subcommands(&app)) polish_help(*sub);
}

}  // namespace ctguard

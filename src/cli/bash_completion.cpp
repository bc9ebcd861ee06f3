#include "cli/bash_completion.hpp"

#include <netinet/in.h>

#include <algorithm>

#include "cli/command_line.hpp"
#include "lib/text.hpp"
#include "model/flow.hpp"
#include "model/level.hpp"
#include "model/top.hpp"

namespace ctguard {

namespace {

// A command and its words: the path after "ctguard" ("" for ctguard itself, "limit set"), its
// subcommands, the options valid there (its own and, by fallthrough, every parent's), and those of
// them that take a value.
struct CommandWords {
    std::string path;
    std::vector<std::string> commands, options, valued;
};

void add_options(CommandWords& level, CLI::App* app) {
    for (const auto* opt : app->get_options()) {
        if (opt->get_positional()) continue;
        for (const auto& s : opt->get_snames()) level.options.push_back("-" + s);
        for (const auto& l : opt->get_lnames()) level.options.push_back("--" + l);
        if (opt->get_expected_max() == 0) continue;
        for (const auto& s : opt->get_snames()) level.valued.push_back("-" + s);
        for (const auto& l : opt->get_lnames()) level.valued.push_back("--" + l);
    }
}

void collect(std::vector<CommandWords>& levels, CLI::App* app) {
    CommandWords level;
    const std::string path = command_path(app);
    level.path = path == "ctguard" ? "" : path.substr(8);
    for (auto* sub : all_subcommands(app)) level.commands.push_back(sub->get_name());
    // `ctguard help COMMAND` is `ctguard COMMAND --help` (expand_help), not a CLI11 command.
    if (app->get_parent() == nullptr) level.commands.insert(level.commands.begin(), "help");
    for (CLI::App* a = app; a != nullptr; a = a->get_parent()) add_options(level, a);
    // A subcommand's own --help and its parent's are the same words.
    for (auto* list : {&level.options, &level.valued}) {
        std::vector<std::string> unique;
        for (auto& w : *list) {
            if (std::find(unique.begin(), unique.end(), w) == unique.end()) unique.push_back(w);
        }
        *list = std::move(unique);
    }
    levels.push_back(std::move(level));
    for (auto* sub : all_subcommands(app)) collect(levels, sub);
}

// One case arm per level: `"limit set") echo "WORDS";;`.
std::string case_function(const std::string& name, const std::string& comment, const std::vector<CommandWords>& levels,
                          std::vector<std::string> CommandWords::*words) {
    std::string out = "# " + comment + "\n" + name + "() {\n    case \"$1\" in\n";
    for (const auto& level : levels) {
        out += "        \"" + level.path + "\") echo \"" + join(level.*words, " ") + "\" ;;\n";
    }
    return out + "    esac\n}\n";
}

std::vector<std::string> top_keys() {
    std::vector<std::string> keys;
    for (int k = 0; k <= static_cast<int>(TopKey::netns); ++k) keys.emplace_back(top_key_name(static_cast<TopKey>(k)));
    return keys;
}

std::vector<std::string> levels_above_ok() {
    std::vector<std::string> names;
    for (Level l : {Level::elevated, Level::capped, Level::critical}) names.emplace_back(level_name(l));
    return names;
}

std::vector<std::string> protocols() {
    std::vector<std::string> names;
    for (int p = 0; p < 256; ++p) {
        std::string name{proto_name(static_cast<uint8_t>(p))};
        if (name != "unknown") names.push_back(name);
    }
    return names;
}

// The states --state takes: the state machines' names as conntrack -L prints them, and the two flags.
std::vector<std::string> states() {
    std::vector<std::string> names;
    for (uint8_t proto : {uint8_t{IPPROTO_TCP}, uint8_t{IPPROTO_SCTP}, uint8_t{IPPROTO_DCCP}}) {
        for (int s = 0; s < 256; ++s) {
            const char* name = state_name(proto, static_cast<uint8_t>(s));
            if (name != nullptr && std::find(names.begin(), names.end(), name) == names.end()) names.emplace_back(name);
        }
    }
    names.emplace_back("UNREPLIED");
    names.emplace_back("ASSURED");
    return names;
}

}  // namespace

std::string bash_completion(CLI::App& app) {
    std::vector<CommandWords> levels;
    collect(levels, &app);
    std::string out =
        "# bash completion for ctguard(8). Made by `ctguard --bash-completion` from ctguard's command-line\n"
        "# definitions; do not edit.\n";
    out += case_function("_ctguard_commands", "The subcommands of a command path (\"\" is ctguard itself).", levels,
                         &CommandWords::commands);
    out += case_function("_ctguard_options", "The options valid after a command path, its parents' included.", levels,
                         &CommandWords::options);
    out += case_function("_ctguard_valued", "Those of them that take a value.", levels, &CommandWords::valued);
    out += R"sh(_ctguard_takes_value() { [[ " $(_ctguard_valued "$1") " == *" $2 "* ]]; }
# The values of option $1 that start with $2.
_ctguard_value() {
    local cur=$2 f
    case "$1" in
        --by)
            # Comma-separated keys: complete the last one, keep the ones before it.
            compopt -o nospace 2>/dev/null
            COMPREPLY=($(compgen -P "${cur%"${cur##*,}"}" -W ")sh" + join(top_keys(), " ") + R"sh(" -- "${cur##*,}")) ;;
        --netns)
            # The names `ip netns add` made, read at each Tab; a name may hold any character.
            for f in /run/netns/*; do
                [[ -e $f && ${f##*/} == "$cur"* ]] && COMPREPLY+=("${f##*/}")
            done ;;
        --fail-on) COMPREPLY=($(compgen -W ")sh" + join(levels_above_ok(), " ") + R"sh(" -- "$cur")) ;;
        --proto) COMPREPLY=($(compgen -W ")sh" + join(protocols(), " ") + R"sh(" -- "$cur")) ;;
        --state) COMPREPLY=($(compgen -W ")sh" + join(states(), " ") + R"sh(" -- "$cur")) ;;
        --config | --check-config | --db) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -f -- "$cur")) ;;
        --root | --evidence-dir | --textfile) compopt -o filenames 2>/dev/null; COMPREPLY=($(compgen -d -- "$cur")) ;;
    esac
}
_ctguard() {
    local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} path="" i w opt
    COMPREPLY=()
    # The command path so far. An option's value is skipped ("--by src", or "--by" "=" "src": bash
    # splits words at '='), so it is never taken for a command.
    for ((i = 1; i < COMP_CWORD; i++)); do
        w=${COMP_WORDS[i]}
        if [[ $w == -* ]]; then
            if [[ ${COMP_WORDS[i+1]-} == = ]]; then
                ((i += 2))
            elif _ctguard_takes_value "$path" "$w"; then
                ((i += 1))
            fi
        elif [[ " $(_ctguard_commands "$path") " == *" $w "* && $w != help ]]; then
            path=${path:+$path }$w
        fi
    done
    opt=$prev
    if [[ $cur == = ]]; then
        cur=""
    elif [[ $prev == = ]]; then
        opt=${COMP_WORDS[COMP_CWORD-2]}
    fi
    if [[ $opt == -* ]] && _ctguard_takes_value "$path" "$opt"; then
        _ctguard_value "$opt" "$cur"
    elif [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "$(_ctguard_options "$path")" -- "$cur"))
    else
        COMPREPLY=($(compgen -W "$(_ctguard_commands "$path")" -- "$cur"))
    fi
}
complete -F _ctguard ctguard
)sh";
    return out;
}

}  // namespace ctguard

#pragma once
// The bash completion script, made from the command-line definitions like ctguard(8): the build runs
// `ctguard --bash-completion` (hidden from --help) and installs what it prints as
// /usr/share/bash-completion/completions/ctguard; tests/cli/bash_completion.sh checks it in bash.
#include <CLI/CLI.hpp>
#include <string>

namespace ctguard {

// Completes commands, subcommands and options at every level (global options anywhere), and the
// values of --by (top keys, comma-separated), --netns (the names under /run/netns at the time of
// the Tab), --fail-on (levels), --proto, and files or directories for options that name them.
std::string bash_completion(CLI::App& app);

}  // namespace ctguard

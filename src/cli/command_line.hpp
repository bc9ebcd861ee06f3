#pragma once
// The words of the command line before and after CLI11 reads them: `help [COMMAND]`, unknown
// commands with the nearest name, CLI11's messages turned into ctguard's one-line errors, and help
// texts that name values and the global options.
#include <CLI/CLI.hpp>
#include <optional>
#include <string>
#include <vector>

#include "lib/result.hpp"

namespace ctguard {

// The commands (or a command's subcommands) in the order they were added.
std::vector<CLI::App*> all_subcommands(CLI::App* app);
// "ctguard harden ssh" for the ssh subcommand of harden.
std::string command_path(const CLI::App* app);

// "help [COMMAND...]" becomes "COMMAND... --help"; anything else is returned as it is.
std::vector<std::string> expand_help(std::vector<std::string> words);
// The first word that is neither an option nor an option's value names a command, and the next such
// word a subcommand where the command has them. A word that names none is an error that suggests
// the nearest name ("did you mean 'ctguard check'?").
std::optional<Error> unknown_command(CLI::App& app, const std::vector<std::string>& words);
// A CLI11 parse error as one ctguard line, with a hint that names the command's help.
Error usage_error(CLI::App& app, const CLI::ParseError& e);
// Every option's value is named after the option (--pid PID, not --pid TEXT), and every command's
// help ends with the global options, which work before or after the command.
void polish_help(CLI::App& app);
// The name of an option's value as --help shows it, without CLI11's validator text: "UINT" for
// "UINT:UINT in [1 - 1000000]".
std::string option_value_name(const CLI::Option* opt);

}  // namespace ctguard

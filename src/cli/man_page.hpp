#pragma once
// ctguard(8), made from the command-line definitions themselves (every command, its description,
// options, value names and defaults), so the page cannot drift from --help. The build runs
// `ctguard --man-page` (hidden from --help) and installs what it prints; tests/cli/man_page.sh checks
// that every option of every command's --help is on the page.
#include <CLI/CLI.hpp>
#include <string>
#include <string_view>

namespace ctguard {

// The whole page in man(7) roff. version: "0.1.0 (commit ...)", shown in the page's footer.
std::string man_page(CLI::App& app, std::string_view version);

}  // namespace ctguard

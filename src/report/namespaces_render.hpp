#pragma once
// Every namespace's table (status --all-netns, check): the DESIGN shape
// "namespaces":[{"name","inode","kind","container","pids","count","level"}] and a text table.
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "model/namespaces.hpp"

namespace ctguard {

nlohmann::json namespaces_json(const std::vector<NamespaceTable>& namespaces);
// The table, fullest first, then the namespaces that were skipped and why.
std::string namespaces_text(const std::vector<NamespaceTable>& namespaces, const std::vector<std::string>& notes);

}  // namespace ctguard

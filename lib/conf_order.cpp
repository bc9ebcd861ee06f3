#include "lib/conf_order.hpp"

#include <map>

namespace ctguard {

std::vector<std::string> merge_conf_dirs(const std::vector<ConfDir>& dirs, std::string_view suffix) {
    std::map<std::string, std::string> by_name;  // std::map sorts by byte order, as strcmp does
    for (const auto& d : dirs) {
        for (const auto& name : d.names) {
            if (name.size() <= suffix.size() || !name.ends_with(suffix) || name.starts_with('.')) continue;
            by_name.try_emplace(name, d.dir + "/" + name);  // the first directory wins
        }
    }
    std::vector<std::string> out;
    out.reserve(by_name.size());
    for (auto& [name, path] : by_name) out.push_back(std::move(path));
    return out;
}

}  // namespace ctguard

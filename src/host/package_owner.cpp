#include "host/package_owner.hpp"


#include "host/dpkg.hpp"
#include "lib/text.hpp"

namespace ctguard {

std::vector<std::pair<std::string, std::string>> parse_apk_installed(std::string_view text) {
    std::vector<std::pair<std::string, std::string>> out;
    std::string package, dir;
    for (auto line : split(text, '\n')) {
        if (line.size() < 2 || line[1] != ':') continue;
        auto value = line.substr(2);
        switch (line[0]) {
            case 'P':
                package = value;
                dir.clear();
                break;
            case 'F':
                dir = value;
                break;
            case 'R':
                if (!package.empty()) out.emplace_back(package, "/" + (dir.empty() ? "" : dir + "/") + std::string(value));
                break;
            default:
                break;
        }
    }
    return out;
}

std::map<std::string, PackageOwner> find_package_owners(const RootDir& fs, const std::set<std::string>& paths,
                                                        std::string_view label) {
    std::map<std::string, PackageOwner> out;
    std::set<std::string> rest;
    for (const auto& p : paths) {
        // /snap/NAME/REVISION/...: a read-only image snapd installed.
        if (p.starts_with("/snap/")) {
            auto name = split(std::string_view(p).substr(6), '/');
            if (name.size() >= 3) {
                out[p] = {true, std::string(name[0]), "snap"};
                continue;
            }
        }
        rest.insert(p);
    }
    if (rest.empty()) return out;
    auto dpkg = DpkgFiles::load(fs, rest);
    if (dpkg.available()) {
        for (const auto& p : rest) {
            auto owner = dpkg.owner(p);
            out[p] = {owner.has_value(), owner.value_or(""), std::string(label) + "dpkg"};
        }
        return out;
    }
    if (auto apk = read_small_file(fs.path("/lib/apk/db/installed"), table_file_max)) {
        std::map<std::string, std::string> owners;
        for (auto& [package, path] : parse_apk_installed(*apk)) {
            if (rest.count(path)) owners.emplace(std::move(path), std::move(package));
        }
        for (const auto& p : rest) {
            auto it = owners.find(p);
            out[p] = {it != owners.end(), it != owners.end() ? it->second : "", std::string(label) + "apk"};
        }
        return out;
    }
    for (const auto& p : rest) out[p] = {std::nullopt, "", ""};
    return out;
}

}  // namespace ctguard

#include "analysis/allow_match.hpp"

#include <fnmatch.h>

namespace ctguard {

std::string allowed_by(const AllowList& allow, const ProcessReport& p) {
    for (const auto& h : allow.sha256) {
        if (!p.sha256.empty() && p.sha256 == h) return "sha256 " + h;
    }
    // No FNM_PATHNAME: '*' crosses '/', so "/opt/acme/*" covers the whole tree.
    for (const auto& glob : allow.paths) {
        if (!p.info.exe.empty() && ::fnmatch(glob.c_str(), p.info.exe.c_str(), 0) == 0) return "path " + glob;
    }
    for (const auto& u : allow.units) {
        if (!p.unit.empty() && p.unit == u) return "unit " + u;
    }
    const std::string package = p.package.substr(0, p.package.find(':'));
    for (const auto& pkg : allow.packages) {
        if (!package.empty() && package == pkg) return "package " + pkg;
    }
    return "";
}

}  // namespace ctguard

#include "lib/module_loader.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <climits>
#include <vector>

#include "lib/text.hpp"

namespace ctguard {

namespace {

std::vector<std::string> module_places(const std::string& file) {
    char exe[PATH_MAX];
    ssize_t n = ::readlink("/proc/self/exe", exe, sizeof exe);
    if (n <= 0 || static_cast<size_t>(n) == sizeof exe) return {};
    std::string dir(exe, static_cast<size_t>(n));
    dir.erase(dir.rfind('/'));
    return {dir + "/" + file, dir + "/../lib/ctguard/" + file};
}

}  // namespace

Result<void*> load_module_entry(const std::string& file, const char* entry, const std::string& what,
                                const std::string& path) {
    auto failed = [&](const std::string& why) {
        return Error::unavailable(what, "cannot load " + file + ": " + why,
                                  "reinstall ctguard (make install puts it in lib/ctguard)");
    };
    std::string found = path;
    if (found.empty()) {
        auto places = module_places(file);
        for (const auto& place : places) {
            if (::access(place.c_str(), F_OK) == 0) {
                found = place;
                break;
            }
        }
        if (found.empty()) return failed("not in " + join(places, " nor in "));
    }
    void* module = dlopen(found.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!module) return failed(dlerror());
    void* symbol = dlsym(module, entry);
    if (!symbol) return failed(found + " has no " + entry + " (from another version?)");
    return symbol;
}

}  // namespace ctguard

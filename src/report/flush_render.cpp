#include "report/flush_render.hpp"

#include <fmt/format.h>

#include <cstring>

#include "lib/text.hpp"

namespace ctguard {

nlohmann::json flush_json(const FlushReport& r) {
    return {{"matched", r.matched},
            {"deleted", r.deleted.deleted},
            {"gone", r.deleted.gone},
            {"failed", r.deleted.failed},
            {"dry_run", r.dry_run}};
}

std::string flush_text(const FlushReport& r) {
    if (r.dry_run)
        return fmt::format("would delete {} entries (dry run: nothing deleted)\n", with_thousands(r.matched));
    std::string out = fmt::format("deleted {} of {} matching entries\n", with_thousands(r.deleted.deleted),
                                  with_thousands(r.matched));
    if (r.deleted.gone > 0) {
        out += fmt::format("{} had already gone (expired or deleted meanwhile)\n",
                           with_thousands(r.deleted.gone));
    }
    if (r.deleted.failed > 0) {
        out += fmt::format("{} refused by the kernel ({})\n", with_thousands(r.deleted.failed),
                           std::strerror(r.deleted.first_errno));
    }
    return out;
}

}  // namespace ctguard

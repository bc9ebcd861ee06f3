#include "analysis/suspicion.hpp"

#include <fmt/format.h>

#include <algorithm>

#include "lib/text.hpp"

namespace ctguard {

bool names_related(std::string_view comm, std::string_view exe_name) {
    std::string_view exe_cut = exe_name.substr(0, kNameMaxLength);
    return exe_cut.substr(0, comm.size()) == comm || comm.substr(0, exe_cut.size()) == exe_cut;
}

std::string risky_location(std::string_view exe) {
    for (std::string_view dir : {"/tmp/", "/var/tmp/", "/dev/shm/", "/run/user/", "/run/shm/"}) {
        if (exe.substr(0, dir.size()) == dir) return std::string(dir.substr(0, dir.size() - 1));
    }
    // Any directory component starting with a dot ("/root/.cache/x", "/usr/lib/.x/y").
    std::string_view dirs = exe.substr(0, exe.rfind('/') + 1);
    for (size_t i = 0; (i = dirs.find("/.", i)) != std::string_view::npos; ++i) {
        std::string_view rest = dirs.substr(i + 2);
        if (!rest.empty() && rest[0] != '/' && rest.substr(0, 2) != "./") return "a hidden directory";
    }
    return {};
}

void assess(ProcessReport& p, bool rotating, const NameModel& model) {
    p.score = 0;
    p.reasons.clear();
    p.suspicious = false;
    const ProcessInfo& i = p.info;
    p.name_score = model.score(i.comm);
    if (i.kernel_thread) return;

    auto add = [&](double weight, std::string reason) {
        p.score += weight;
        p.reasons.push_back(std::move(reason));
    };
    std::string_view exe_name = base_name(i.exe);
    if (model.is_random(i.comm)) {
        add(0.40, fmt::format("name '{}' looks random (score {:.2f})", i.comm, p.name_score));
    } else if (!exe_name.empty() && model.is_random(exe_name)) {
        add(0.40,
            fmt::format("binary name '{}' looks random (score {:.2f})", exe_name, model.score(exe_name)));
    }
    if (i.exe_deleted) add(0.30, "its binary " + i.exe + " was deleted after it started");
    if (auto where = risky_location(i.exe); !where.empty()) add(0.30, "runs from " + where + ": " + i.exe);
    if (rotating) add(0.30, "respawns under changing names (rotating group " + p.group + ")");
    if (p.flows.outbound > 0 && p.flows.unreplied >= kFanOutUnreplied) {
        add(0.30, fmt::format("fans out: {} unanswered connection attempts", p.flows.unreplied));
    } else if (p.flows.destinations.size() >= kFanOutDestinations) {
        add(0.30,
            fmt::format("fans out: connections to {} distinct destinations", p.flows.destinations.size()));
    }
    if (p.flows.raw_sockets + p.flows.packet_sockets > 0) {
        add(0.20,
            fmt::format("holds {} raw and {} packet socket(s)", p.flows.raw_sockets, p.flows.packet_sockets));
    }
    // Packages install aliases (gmake -> make, c++ -> g++-12): only unpackaged binaries count.
    if (!exe_name.empty() && p.package_owned != true && !names_related(i.comm, exe_name)) {
        add(0.15, "calls itself '" + i.comm + "' but runs " + i.exe);
    }
    if (p.package_owned == false) add(0.15, "binary not from any installed package");
    if (i.tty_nr == 0 && i.ppid == 1) add(0.10, "detached: no terminal, parent is init");

    p.score = std::min(1.0, p.score);
    p.suspicious = p.score >= kSuspiciousScore;
}

}  // namespace ctguard

#include "cli/options.hpp"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "lib/json_text.hpp"
#include "lib/text.hpp"
#include "model/flow.hpp"

namespace ctguard {

void add_filter_options(CLI::App* cmd, FilterArgs& a) {
    cmd->add_option("--src", a.src, "original source address or CIDR (repeatable, comma-separated)")
        ->delimiter(',');
    cmd->add_option("--dst", a.dst, "original destination address or CIDR (repeatable, comma-separated)")
        ->delimiter(',');
    cmd->add_option("--sport", a.sport, "source port or range LO-HI");
    cmd->add_option("--dport", a.dport, "destination port or range LO-HI");
    cmd->add_option("--proto", a.proto, "protocol name or number (tcp, udp, icmp, 132, ...)");
    cmd->add_option("--state", a.state,
                    "state name as conntrack -L prints it (SYN_SENT, ...), UNREPLIED or ASSURED");
    cmd->add_option("--zone", a.zone, "conntrack zone");
    cmd->add_option("--mark", a.mark, "connection mark N or N/MASK (decimal or 0x hex)");
}

const CLI::Validator kWholeNumber(
    [](std::string& s) -> std::string {
        // "29,000" as ctguard prints it is taken too: the separators go before CLI11 converts.
        if (auto n = parse_count(s)) {
            s = std::to_string(*n);
            return "";
        }
        return "'" + s + "' is not a whole number";
    },
    "N");

void add_threshold_options(CLI::App* cmd, Thresholds& t) {
    cmd->add_option("--warn", t.warn, "entries from which the level is elevated")
        ->capture_default_str()
        ->transform(kWholeNumber);
    cmd->add_option("--cap", t.cap, "the nf_conntrack_max we recommend")
        ->capture_default_str()
        ->transform(kWholeNumber);
    cmd->add_option("--suspend", t.suspend, "entries from which the level is critical (the provider's line)")
        ->capture_default_str()
        ->transform(kWholeNumber);
}

Result<void> check_thresholds(const Thresholds& t) {
    if (t.warn == 0 || t.suspend == 0 || t.cap == 0) {
        return Error::usage("thresholds", "--warn, --cap and --suspend must be positive");
    }
    if (t.warn > t.suspend) {
        return Error::usage("thresholds", "--warn (" + std::to_string(t.warn) + ") is above --suspend (" +
                                              std::to_string(t.suspend) + ")");
    }
    return {};
}

namespace {

// The first failed write's errno: a large report is written out while it is printed, and later calls
// may change errno before flush_stdout() reports the failure.
int stdout_errno = 0;

void write_stdout(const std::string& s) {
    if (std::fwrite(s.data(), 1, s.size(), stdout) != s.size() && stdout_errno == 0) stdout_errno = errno;
}

}  // namespace

void print_json(const nlohmann::json& j) {
    std::string s = json_text(j, isatty(STDOUT_FILENO) ? 2 : -1);
    s += '\n';
    write_stdout(s);
}

void print_json_line(const nlohmann::json& j) {
    std::string s = json_text(j);
    s += '\n';
    write_stdout(s);
}

size_t GlobalOptions::text_width() const {
    if (wide) return SIZE_MAX;
    if (const char* columns = std::getenv("COLUMNS")) {
        if (auto n = parse_u64(columns, 10000); n && *n >= 20) return *n;
    }
    struct winsize ws {};
    if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col >= 20) return ws.ws_col;
    return 80;
}

std::function<void(const WatchProgress&)> progress_on_terminal() {
    if (!isatty(STDERR_FILENO)) return {};
    return [](const WatchProgress& p) {
        // Erase to the end of the line: the new text may be shorter than the last.
        std::fprintf(stderr, "\rwatching %.0f of %.0f s: %s seen, %zu started (Ctrl-C stops and reports)\033[K",
                     p.elapsed, p.seconds, count_of(p.processes, "process", "processes").c_str(), p.started);
        std::fflush(stderr);
    };
}

void end_progress() {
    if (isatty(STDERR_FILENO)) std::fputs("\r\033[K", stderr);
}

Result<void> flush_stdout() {
    errno = 0;
    if (std::fflush(stdout) != 0 && stdout_errno == 0) stdout_errno = errno;
    if (!std::ferror(stdout)) return {};
    const int err = stdout_errno != 0 ? stdout_errno : EIO;
    return Error{Exit::ioerr, "standard output", std::strerror(err), "the output is incomplete"};
}

void print_text(const std::string& s) {
    write_stdout(s);
}

}  // namespace ctguard

#include "host/sshd_control.hpp"

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <map>
#include <utility>

#include "lib/atomic_file.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

Result<void> checked(const Result<ProgramOutput>& run, const std::string& what) {
    if (!run) return run.error();
    if (!run->succeeded()) return Error::unavailable(what, run->first_error_line());
    return {};
}

// sshd_config quoting: double quotes around an argument with blanks.
std::string quoted(const std::string& s) {
    return s.find_first_of(" \t") == std::string::npos ? s : "\"" + s + "\"";
}

}  // namespace

std::string find_sshd() {
    for (const char* p : {"/usr/sbin/sshd", "/usr/local/sbin/sshd", "/sbin/sshd"}) {
        if (::access(p, X_OK) == 0) return p;
    }
    return "";
}

Result<ProgramOutput> sshd_dump_live() {
    std::string sshd = find_sshd();
    if (sshd.empty())
        return Error::unavailable("sshd -T", "sshd is not installed", "apt-get install openssh-server");
    return run_program({sshd, "-T"});
}

Result<void> sshd_test_live() {
    std::string sshd = find_sshd();
    if (sshd.empty())
        return Error::unavailable("sshd -t", "sshd is not installed", "apt-get install openssh-server");
    return checked(run_program({sshd, "-t"}), "sshd -t");
}

Result<SshdCopy> SshdCopy::write(const SshdConfig& config) {
    SshdCopy copy;
    copy.sshd_ = find_sshd();
    if (copy.sshd_.empty()) {
        return Error::unavailable("sshd -t", "sshd is not installed, so the change cannot be checked",
                                  "apt-get install openssh-server");
    }
    std::string templ = "/tmp/ctguard-sshd-XXXXXX";
    if (!::mkdtemp(templ.data())) return Error::from_errno("mkdtemp /tmp", errno);
    copy.dir_ = templ;
    copy.main_ = copy.dir_ + config.main_path;

    // The Include lines of each file, by line number, with their patterns moved into the copy.
    std::map<std::pair<std::string, int>, std::string> include_lines;
    for (const auto& inc : config.includes) {
        auto& line = include_lines[{inc.file, inc.line}];
        line += (line.empty() ? "Include " : " ") + quoted(copy.dir_ + inc.pattern);
    }
    for (const auto& f : config.files) {
        std::string text;
        int line_no = 0;
        for (auto line : split(f.text, '\n')) {
            auto it = include_lines.find({f.path, ++line_no});
            text += it == include_lines.end() ? std::string(line) : it->second;
            text += '\n';
        }
        std::string dest = copy.dir_ + f.path;
        std::error_code ec;
        std::filesystem::create_directories(std::filesystem::path(dest).parent_path(), ec);
        if (ec) return Error::internal("mkdir " + dest, ec.message());
        if (auto w = write_file_atomic(dest, text, 0600); !w) return w.error();
    }

    copy.key_ = copy.dir_ + "/host_key";
    auto keygen = run_program({"ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", copy.key_});
    if (auto ok = checked(keygen, "ssh-keygen"); !ok) return ok.error();
    return copy;
}

SshdCopy::SshdCopy(SshdCopy&& other) noexcept
    : sshd_(std::move(other.sshd_)),
      dir_(std::exchange(other.dir_, {})),
      main_(std::move(other.main_)),
      key_(std::move(other.key_)) {}

SshdCopy::~SshdCopy() {
    std::error_code ec;
    if (!dir_.empty()) std::filesystem::remove_all(dir_, ec);
}

Result<void> SshdCopy::test() const {
    return checked(run_program({sshd_, "-t", "-f", main_, "-h", key_}), "sshd -t");
}

Result<std::string> SshdCopy::settings_for(const std::string& user) const {
    auto run = run_program({sshd_, "-T", "-C", "user=" + user + ",host=localhost,addr=127.0.0.1", "-f", main_,
                            "-h", key_});
    if (auto ok = checked(run, "sshd -T -C user=" + user); !ok) return ok.error();
    return run->out;
}

Result<bool> reload_sshd() {
    auto pid_text = read_small_file("/run/sshd.pid");
    if (!pid_text) return false;
    auto pid = parse_u64(trim(*pid_text), INT32_MAX);
    if (!pid) return false;
    auto comm = read_small_file("/proc/" + std::to_string(*pid) + "/comm");
    if (!comm || trim(*comm) != "sshd") return false;  // a stale pid file
    if (::kill(static_cast<pid_t>(*pid), SIGHUP) != 0) return Error::from_errno("reload sshd", errno);
    return true;
}

}  // namespace ctguard

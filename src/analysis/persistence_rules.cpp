// Persistence findings: start-up files that fetch code or run programs from writable places, files no
// package installed where malware likes to live, XOR.DDoS's known drops, and replaced system binaries.
#include "analysis/persistence_rules.hpp"

#include <fmt/format.h>

#include "analysis/shell_command.hpp"
#include "lib/text.hpp"

namespace ctguard {

namespace {

// The id prefix for findings about a start-up file.
std::string area(StartupKind kind) {
    switch (kind) {
        case StartupKind::crontab:
        case StartupKind::user_crontab:
        case StartupKind::cron_script:
            return "persist.cron";
        case StartupKind::systemd_unit:
            return "persist.systemd";
        case StartupKind::rc_local:
            return "persist.rc_local";
        case StartupKind::init_script:
            return "persist.initd";
        case StartupKind::shell_rc:
            return "persist.shell_rc";
        case StartupKind::ld_preload:
            return "persist.ld_preload";
    }
    return "persist";
}

struct Command {
    int line = 0;
    std::string text;
};

// The commands a start-up file runs, with their line numbers.
std::vector<Command> commands_of(const StartupFile& f) {
    std::vector<Command> out;
    int line_no = 0;
    for (auto raw : split(f.text, '\n')) {
        ++line_no;
        auto line = trim(raw);
        if (line.empty() || line.front() == '#') continue;
        switch (f.kind) {
            case StartupKind::crontab:
            case StartupKind::user_crontab:
                if (auto cmd = crontab_command(line, f.kind == StartupKind::crontab))
                    out.push_back({line_no, std::string(*cmd)});
                break;
            case StartupKind::systemd_unit: {
                // ExecStart=-/usr/bin/foo --bar : the prefixes @-:+! change how systemd runs it, not what.
                if (!line.starts_with("Exec")) break;
                auto eq = line.find('=');
                if (eq == std::string_view::npos) break;
                auto value = trim(line.substr(eq + 1));
                while (!value.empty() &&
                       std::string_view("@-:+!").find(value.front()) != std::string_view::npos) {
                    value.remove_prefix(1);
                }
                out.push_back({line_no, std::string(value)});
                break;
            }
            default:
                out.push_back({line_no, std::string(line)});
        }
    }
    return out;
}

void content_findings(const StartupFile& f, std::vector<Finding>& out) {
    const std::string prefix = area(f.kind);
    for (const auto& c : commands_of(f)) {
        if (c.text.find("cron.hourly/gcc.sh") != std::string::npos) {
            out.push_back(
                {"xorddos.gcc_sh", Severity::high, f.path, c.line,
                 "This line runs /etc/cron.hourly/gcc.sh, the XOR.DDoS restarter: every few minutes it puts "
                 "the bot back in place and starts it again.",
                 fmt::format("Delete this line of {} first, then `rm -f /etc/cron.hourly/gcc.sh "
                             "/lib/libudev.so` and kill the random-named processes (`ctguard procs`). "
                             "Rebuilding the server is the safe choice.",
                             f.path)});
        } else if (c.text.size() > max_command_length) {
            out.push_back(
                {prefix + ".too_long", Severity::medium, f.path, c.line,
                 fmt::format(
                     "A start-up line of {} bytes, too long to judge (ctguard reads up to {}): `{}...`. "
                     "No hand-written command is this long; padding hides what a line runs.",
                     c.text.size(), max_command_length, c.text.substr(0, 80)),
                 fmt::format("Look at line {} of {} yourself (`sed -n {}p {} | cut -c1-400`); delete it if "
                             "you did not write it.",
                             c.line, f.path, c.line, f.path)});
        } else if (runs_fetched_code(c.text)) {
            out.push_back(
                {prefix + ".download", Severity::high, f.path, c.line,
                 fmt::format("Downloads or decodes code and runs it at start-up: `{}`. This is how miners "
                             "and DDoS bots come back after you kill them.",
                             c.text),
                 "Do not run the line to see what it does. If you did not write it, delete it, then look "
                 "for what it installed (/tmp, /var/tmp, /dev/shm, hidden directories) and kill what runs "
                 "from there (`ctguard procs`)."});
        } else if (auto exe = writable_exec_path(c.text, f.kind == StartupKind::shell_rc)) {
            out.push_back(
                {prefix + ".writable_exec", Severity::high, f.path, c.line,
                 fmt::format("Runs {} at start-up, from a directory anyone can write to or one hidden "
                             "behind a dot: `{}`.",
                             *exe, c.text),
                 fmt::format("If you did not add it, delete the line, look at the program (`ls -la {}`) and "
                             "kill what runs from there (`ctguard procs`).",
                             exe->substr(0, exe->rfind('/') + 1))});
        }
    }
}

// `dpkg`: the package database was there, so "no package installed it" means something.
void file_findings(const StartupFile& f, bool dpkg, std::vector<Finding>& out) {
    auto commands = commands_of(f);
    switch (f.kind) {
        case StartupKind::crontab:
            if (f.path == "/etc/crontab" || f.owned) break;
            [[fallthrough]];
        case StartupKind::cron_script:
            if (f.path == "/etc/cron.hourly/gcc.sh") {
                out.push_back(
                    {"xorddos.gcc_sh", Severity::high, f.path, 0,
                     "/etc/cron.hourly/gcc.sh is the file XOR.DDoS installs to restart itself (it copies "
                     "/lib/libudev.so back into place and runs it).",
                     "Remove its crontab line (`sed -i '/gcc.sh/d' /etc/crontab`), then `rm -f "
                     "/etc/cron.hourly/gcc.sh /lib/libudev.so` and kill the random-named processes "
                     "(`ctguard procs`). Rebuilding the server is the safe choice."});
            } else if (dpkg && !f.owned) {
                out.push_back(
                    {"persist.cron.unowned", Severity::low, f.path, 0,
                     "No package installed this cron file; cron runs it on a schedule.",
                     fmt::format("If you or your tools did not put it there, read it (`cat {0}`) and delete "
                                 "it (`rm {0}`).",
                                 f.path)});
            }
            break;
        case StartupKind::user_crontab:
            if (commands.empty()) break;
            out.push_back(
                {"persist.cron.user_crontab", Severity::low, f.path, commands.front().line,
                 fmt::format("{}'s personal crontab has {} entr{}; the first runs `{}`.", base_name(f.path),
                             commands.size(), commands.size() == 1 ? "y" : "ies", commands.front().text),
                 fmt::format(
                     "Check each entry with `crontab -l -u {0}`; remove the ones you do not know with "
                     "`crontab -e -u {0}`.",
                     base_name(f.path))});
            break;
        case StartupKind::rc_local: {
            std::vector<std::string> active;
            for (const auto& c : commands) {
                if (c.text != "exit 0" && !c.text.starts_with("#!")) active.push_back(c.text);
            }
            if (active.empty()) break;
            std::string list;
            for (const auto& a : active) list += (list.empty() ? "`" : ", `") + a + "`";
            out.push_back({"persist.rc_local", Severity::medium, f.path, 0,
                           fmt::format("/etc/rc.local runs {} command{} at every boot: {}.", active.size(),
                                       active.size() == 1 ? "" : "s", list),
                           "Make sure each one is yours; delete the ones that are not."});
            break;
        }
        case StartupKind::init_script:
            if (!dpkg || f.owned) break;
            out.push_back(
                {"persist.initd.unowned", Severity::medium, f.path, 0,
                 "No package installed this init script, and it runs at boot. XOR.DDoS installs itself as "
                 "a random-named script here.",
                 fmt::format(
                     "If it is not yours: `update-rc.d {} remove`, then move it away (`mv {} /root/`) "
                     "and look at what it starts.",
                     base_name(f.path), f.path)});
            break;
        case StartupKind::ld_preload: {
            if (commands.empty()) break;
            std::string libs = join(commands, ", ", [](const auto& c) { return c.text; });
            out.push_back(
                {"persist.ld_preload", Severity::high, f.path, commands.front().line,
                 fmt::format("Every program on this machine loads {} first. Rootkits use /etc/ld.so.preload "
                             "to hide their files, processes and connections from ps, ls and netstat.",
                             libs),
                 "Unless you put it there: `mv /etc/ld.so.preload /root/ld.so.preload.evidence`, then treat "
                 "the machine as compromised (a rootkit means someone had root): plan to rebuild it."});
            break;
        }
        case StartupKind::systemd_unit:
        case StartupKind::shell_rc:
            break;
    }
}

void drop_findings(const DropFile& d, std::vector<Finding>& out) {
    if (d.owned) return;
    if (d.path == "/lib/libudev.so") {
        out.push_back(
            {"xorddos.libudev", Severity::high, d.path, 0,
             "No package installed /lib/libudev.so: XOR.DDoS keeps a copy of itself there (the real library "
             "is libudev.so.1 under /lib/x86_64-linux-gnu).",
             "Move it away for evidence (`mv /lib/libudev.so /root/libudev.so.evidence`), remove "
             "/etc/cron.hourly/gcc.sh and its crontab line, and kill the random-named processes "
             "(`ctguard procs`)."});
        return;
    }
    if (!d.elf && !d.executable) return;
    bool boot = d.path.starts_with("/boot/");
    out.push_back(
        {boot ? "xorddos.boot_file" : "xorddos.udev_file", Severity::high, d.path, 0,
         fmt::format("{} is {} that no package installed. XOR.DDoS copies itself to random-named programs in "
                     "{}, which normally holds only {}.",
                     d.path, d.elf ? "a program (ELF)" : "an executable file", boot ? "/boot" : "/lib/udev",
                     boot ? "the kernel, its initrd and GRUB" : "udev's own helpers and rules"),
         fmt::format("Move it away for evidence (`mv {} /root/`), look for its twin in /usr/bin and "
                     "/etc/init.d, and kill the random-named processes (`ctguard procs`).",
                     d.path)});
}

void binary_findings(const SystemBinary& b, std::vector<Finding>& out) {
    if (b.package.empty()) {
        out.push_back(
            {"binary.unowned", Severity::medium, b.path, 0,
             fmt::format("No package installed {}; on Debian ps, ss, netstat, top and ls all come from "
                         "packages (procps, iproute2, net-tools, coreutils). A rootkit may have put its own "
                         "copy here.",
                         b.path),
             fmt::format("`dpkg -S {}` names the package that should own it; reinstall that package and "
                         "compare.",
                         base_name(b.path))});
        return;
    }
    if (b.expected_md5.empty() || b.actual_md5.empty() || b.expected_md5 == b.actual_md5) return;
    out.push_back(
        {"binary.modified", Severity::high, b.path, 0,
         fmt::format("{} is not the file {} installed (md5 {}, dpkg recorded {}). Rootkits replace ps, ss, "
                     "netstat, top and ls so that they hide the attacker's processes and connections.",
                     b.path, b.package, b.actual_md5, b.expected_md5),
         fmt::format("Do not trust what {} prints. Reinstall it (`apt-get install --reinstall {}`), check "
                     "the rest with `dpkg --verify`, and plan to rebuild the server: a replaced system "
                     "binary means someone had root.",
                     base_name(b.path), b.package)});
}

}  // namespace

std::optional<std::string_view> crontab_command(std::string_view line, bool has_user_field) {
    line = trim(line);
    if (line.empty() || line.front() == '#') return std::nullopt;
    // "NAME=value" sets a variable for the entries below it.
    auto first_blank = line.find_first_of(" \t");
    if (line.substr(0, first_blank).find('=') != std::string_view::npos) return std::nullopt;
    int fields = (line.front() == '@' ? 1 : 5) + (has_user_field ? 1 : 0);
    for (int i = 0; i < fields; ++i) {
        auto blank = line.find_first_of(" \t");
        if (blank == std::string_view::npos) return std::nullopt;
        line = trim(line.substr(blank));
    }
    return line;
}

std::vector<Finding> persistence_findings(const PersistenceScan& scan) {
    std::vector<Finding> out;
    for (const auto& f : scan.startup) {
        file_findings(f, scan.dpkg, out);
        // ld.so.preload lists libraries, not commands: persist.ld_preload covers every line.
        if (f.kind != StartupKind::ld_preload) content_findings(f, out);
    }
    if (!scan.dpkg) return out;
    for (const auto& d : scan.drops) drop_findings(d, out);
    for (const auto& b : scan.binaries) binary_findings(b, out);
    return out;
}

}  // namespace ctguard

#pragma once
// Places a program can use to start again after a reboot or a login, as found on disk.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace ctguard {

enum class StartupKind {
    crontab,       // /etc/crontab, /etc/cron.d/*: "m h dom mon dow user command"
    user_crontab,  // /var/spool/cron/crontabs/USER: "m h dom mon dow command"
    cron_script,   // /etc/cron.{hourly,daily,weekly,monthly}/*: scripts run-parts runs
    systemd_unit,  // *.service and drop-ins: Exec*= lines
    rc_local,      // /etc/rc.local
    init_script,   // /etc/init.d/*
    shell_rc,      // /etc/profile, /etc/bash.bashrc, /etc/profile.d/*, ~/.bashrc, ~/.profile ...
    ld_preload,    // /etc/ld.so.preload
};

struct StartupFile {
    StartupKind kind = StartupKind::crontab;
    std::string path;    // absolute on the audited system
    std::string text;    // empty when larger than the scan limit
    bool owned = false;  // installed by a package (dpkg)
};

// A file where the XOR.DDoS family drops copies of itself: /boot/*, /lib/udev/*, /lib/libudev.so.
struct DropFile {
    std::string path;
    bool owned = false;
    bool executable = false;  // any x bit
    bool elf = false;         // starts with "\x7fELF"
};

// ps, ss, netstat, top, ls: what rootkits replace to hide processes and connections.
struct SystemBinary {
    std::string path;
    std::string package;       // empty: no package installed it
    std::string expected_md5;  // from the package's *.md5sums; empty when dpkg has none
    std::string actual_md5;    // empty when unreadable
};

struct PersistenceScan {
    std::vector<StartupFile> startup;
    std::vector<DropFile> drops;
    std::vector<SystemBinary> binaries;
    bool dpkg = false;  // the dpkg database was there, so "owned" means something
};

}  // namespace ctguard

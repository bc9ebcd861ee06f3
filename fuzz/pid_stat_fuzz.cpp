// /proc/PID/stat (a comm may hold anything, ')' and blanks included), the Uid and VmSize lines of
// /proc/PID/status, the text of the /proc/PID/exe link, /proc/PID/cgroup and /proc/PID/environ: all
// written by whoever names or starts a process.
#include <string_view>

#include "host/process_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ctguard::ProcessInfo info;
    ctguard::parse_pid_stat(text, info);
    ctguard::parse_status_uid(text);
    bool deleted = false;
    ctguard::parse_exe_link(text, deleted);
    ctguard::parse_status_user_memory(text);
    ctguard::parse_cgroup_path(text);
    ctguard::parse_environ_value(text, "LD_PRELOAD");
    return 0;
}

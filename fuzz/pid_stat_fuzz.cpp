// /proc/PID/stat (a comm may hold anything, ')' and blanks included), the Uid line of
// /proc/PID/status and the text of the /proc/PID/exe link: all written by whoever names a process.
#include <string_view>

#include "host/process_reader.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view text(reinterpret_cast<const char*>(data), size);
    ctguard::ProcessInfo info;
    ctguard::parse_pid_stat(text, info);
    ctguard::parse_status_uid(text);
    bool deleted = false;
    ctguard::parse_exe_link(text, deleted);
    return 0;
}

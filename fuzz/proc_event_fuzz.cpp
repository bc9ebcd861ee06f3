// The proc connector's datagrams (fork, exec, comm, exit events), walked and decoded as
// ProcConnector::read_events does.
#include <vector>

#include "host/proc_connector.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::vector<char> buf(data, data + size);
    ctguard::for_each_message(buf.data(), buf.size(), [](const nlmsghdr* nlh) {
        ctguard::parse_proc_event(nlh);
        return true;
    });
    return 0;
}

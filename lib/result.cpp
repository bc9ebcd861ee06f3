#include "lib/result.hpp"

#include <cerrno>
#include <cstring>

namespace ctguard {

Error Error::from_errno(std::string what, int err, std::string hint) {
    Exit code = Exit::internal;
    switch (err) {
        case EPERM:
        case EACCES:
            code = Exit::noperm;
            if (hint.empty()) hint = "run as root (CAP_NET_ADMIN is needed)";
            break;
        case EROFS:  // a read-only file system or namespace: no right to write there, whoever we are
            code = Exit::noperm;
            break;
        case ENOENT:
        case EPROTONOSUPPORT:
        case EAFNOSUPPORT:
        case EOPNOTSUPP:
            code = Exit::unavailable;
            break;
        default:
            break;
    }
    return {code, std::move(what), std::strerror(err), std::move(hint)};
}

}  // namespace ctguard

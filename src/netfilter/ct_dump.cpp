#include "netfilter/ct_dump.hpp"

#include <libmnl/libmnl.h>
#include <linux/netfilter/nfnetlink.h>
#include <linux/netfilter/nfnetlink_conntrack.h>

#include <array>
#include <cerrno>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "netfilter/ct_message.hpp"

namespace ctguard {

namespace {

// Receiving and decoding overlap. The kernel builds each dump datagram inside recvmsg(), on the
// receiver thread, while this thread decodes the previous one: on a full table the kernel's part
// is ~85% of the time, so on a second core the decoding costs (almost) no wall time.
// Measured in bench/run.sh against a dump that only counts messages.
constexpr size_t kBuffers = 8;

struct Datagram {
    size_t buffer = 0;
    ssize_t size = 0;  // -1: receive error
    int error = 0;
    bool last = false;  // the dump's end (NLMSG_DONE or NLMSG_ERROR) or a receive error
};

// A tiny blocking queue of buffer indexes / datagrams between the two threads.
template <class T>
class Channel {
  public:
    void push(T v) {
        {
            std::lock_guard lock(mu_);
            items_.push_back(v);
        }
        cv_.notify_one();
    }
    T pop() {
        std::unique_lock lock(mu_);
        cv_.wait(lock, [&] { return !items_.empty(); });
        T v = items_.front();
        items_.pop_front();
        return v;
    }

  private:
    std::mutex mu_;
    std::condition_variable cv_;
    std::deque<T> items_;
};

bool ends_dump(const char* buf, size_t size) {
    bool ends = false;
    for_each_message(buf, size, [&](const nlmsghdr* nlh) {
        ends = nlh->nlmsg_type == NLMSG_DONE || nlh->nlmsg_type == NLMSG_ERROR;
        return !ends;
    });
    return ends;
}

struct Decoder {
    FlowSink& sink;
    uint32_t parts;
    Flow flow;  // reused for every entry: the hot path allocates nothing
    DumpSummary summary;

    static int on_message(const nlmsghdr* nlh, void* data) {
        constexpr uint16_t kCtNew = (NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_NEW;
        auto* d = static_cast<Decoder*>(data);
        if (nlh->nlmsg_type != kCtNew) return MNL_CB_OK;
        if (parse_ct_message(nlh, d->flow, d->parts)) {
            d->sink.on_flow(d->flow);
            ++d->summary.entries;
        } else {
            ++d->summary.malformed;
        }
        return MNL_CB_OK;
    }
};

}  // namespace

Result<DumpSummary> dump_conntrack(NetlinkSocket& sock, uint8_t family, FlowSink& sink) {
    nlmsghdr* req = sock.begin_request((NFNL_SUBSYS_CTNETLINK << 8) | IPCTNL_MSG_CT_GET, NLM_F_DUMP, family);
    const uint32_t seq = req->nlmsg_seq;
    if (auto r = sock.send(req, req->nlmsg_len, "conntrack dump"); !r) return r.error();

    std::vector<std::array<char, NetlinkSocket::kDatagramSize>> buffers(kBuffers);
    Channel<size_t> free_buffers;
    Channel<Datagram> filled;
    for (size_t i = 0; i < kBuffers; ++i) free_buffers.push(i);

    std::thread receiver([&] {
        while (true) {
            Datagram d;
            d.buffer = free_buffers.pop();
            do {
                d.size = sock.receive_into(buffers[d.buffer].data());
            } while (d.size < 0 && errno == EINTR);
            d.error = d.size < 0 ? errno : 0;
            d.last = d.size <= 0 || ends_dump(buffers[d.buffer].data(), static_cast<size_t>(d.size));
            filled.push(d);
            if (d.last) return;
        }
    });

    // Every datagram is taken off the channel even after a failure, so the receiver always reaches
    // the dump's end and exits.
    Decoder decoder{sink, sink.parts(), {}, {}};
    std::optional<Error> failure;
    while (true) {
        Datagram d = filled.pop();
        if (!failure) {
            if (d.size < 0) {
                failure = Error::from_errno("conntrack dump", d.error);
            } else {
                int ret = mnl_cb_run(buffers[d.buffer].data(), static_cast<size_t>(d.size), seq,
                                     sock.portid(), Decoder::on_message, &decoder);
                if (ret < 0) failure = Error::from_errno("conntrack dump", errno);
            }
        }
        free_buffers.push(d.buffer);
        if (d.last) break;
    }
    receiver.join();
    if (failure) return *failure;
    return decoder.summary;
}

}  // namespace ctguard

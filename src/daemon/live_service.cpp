#include "daemon/live_service.hpp"

#include <fmt/format.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "analysis/level.hpp"
#include "analysis/drops.hpp"
#include "daemon/live_entries_wire.hpp"
#include "daemon/live_protocol.hpp"
#include "lib/log.hpp"
#include "lib/socket_io.hpp"
#include "lib/time_text.hpp"
#include "report/live_render.hpp"
#include "report/status_render.hpp"
#include "report/top_render.hpp"

namespace ctguard {

namespace {

// A table that failed to open (a namespace without ctnetlink, a dump that failed) is tried again
// this often.
constexpr double kRetrySeconds = 10;
// Connections taken per wake-up before the tables get their events again.
constexpr int kClientsPerRound = 8;
constexpr double kEventRoundSeconds = 0.01;

// An "entries" answer, written in chunks as the table is walked: the daemon never holds a second
// copy of a table, and the client reads one chunk while the next is encoded.
class EntryStream : public FlowSink {
  public:
    static constexpr size_t kChunkBytes = 256 * 1024;

    EntryStream(int fd, double deadline, std::string header)
        : fd_(fd), deadline_(deadline), buf_(std::move(header)) {
        buf_.reserve(kChunkBytes + kLiveEntryBytes);
    }
    void on_flow(const Flow& flow) override {
        if (failed_) return;
        const size_t at = buf_.size();
        buf_.resize(at + kLiveEntryBytes);
        encode_live_entry(flow, reinterpret_cast<unsigned char*>(buf_.data() + at));
        if (buf_.size() >= kChunkBytes) flush();
    }
    uint32_t parts() const override { return LiveEntries::kParts; }
    // Writes what is buffered. Once a write failed (the client left, or is slower than the deadline)
    // the rest is dropped: the client sees a short answer and reads the kernel instead.
    void flush() {
        failed_ = failed_ || !send_all(fd_, buf_, deadline_);
        buf_.clear();
    }

  private:
    const int fd_;
    const double deadline_;
    std::string buf_;
    bool failed_ = false;
};

// Lets the socket hold a whole "entries" answer (up to kMaxQueuedAnswer), so the thread is done once
// it has written it, however slowly the client reads: `check` takes 80 to 150 ms to receive 262,144
// entries (26 MB into fresh memory) on the build machine, and with the default buffer the thread
// waited that long; now it is free after 15 to 25 ms. Root may exceed wmem_max (SO_SNDBUFFORCE);
// without the capability the default buffer stays, which is only slower.
void hold_answer(int fd, size_t bytes) {
    constexpr size_t kMaxQueuedAnswer = 64 << 20;
    const int size = static_cast<int>(std::min(bytes, kMaxQueuedAnswer));
    ::setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &size, sizeof size);
}

bool peer_is_root(int fd) {
    ucred cred{};
    socklen_t len = sizeof cred;
    return ::getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0 && cred.uid == 0;
}

// The socket's directory: created 0700, or an existing directory (not a symlink) that only root can
// write to. An existing one is never changed: it may be /run or /tmp, which the system needs as they
// are (a chmod 0700 of /tmp would lock every other user out of it).
Result<void> prepare_directory(const std::string& dir) {
    if (::mkdir(dir.c_str(), 0700) != 0 && errno != EEXIST) return Error::from_errno("socket directory " + dir, errno);
    struct stat st {};
    if (::lstat(dir.c_str(), &st) != 0) return Error::from_errno("socket directory " + dir, errno);
    if (!S_ISDIR(st.st_mode) || st.st_uid != 0 || (st.st_mode & (S_IWGRP | S_IWOTH)) != 0)
        return Error::usage("socket directory " + dir, "is not a directory only root can write to",
                            "set daemon.socket to a path in one, e.g. the default /run/ctguard/ctguard.sock");
    return {};
}

Result<UniqueFd> bind_socket(const std::string& path) {
    sockaddr_un addr{};
    addr.sun_family = AF_UNIX;
    if (path.size() >= sizeof addr.sun_path)
        return Error::usage("daemon.socket", "'" + path + "' is longer than a unix socket path may be");
    std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
    const auto slash = path.rfind('/');
    if (slash == std::string::npos || slash == 0)
        return Error::usage("daemon.socket", "'" + path + "' must be an absolute path in a directory");
    if (auto ok = prepare_directory(path.substr(0, slash)); !ok) return ok.error();

    UniqueFd fd(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0));
    if (!fd.valid()) return Error::from_errno("socket " + path, errno);
    struct stat st {};
    if (::lstat(path.c_str(), &st) == 0) {
        if (!S_ISSOCK(st.st_mode)) return Error::usage("socket " + path, "exists and is not a socket");
        // A daemon that died leaves its socket behind; one that runs still answers on it.
        UniqueFd probe(::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0));
        if (probe.valid() && ::connect(probe.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0)
            return Error::unavailable("socket " + path, "another ctguard daemon answers on it");
        ::unlink(path.c_str());
    }
    // Born 0600 (connecting needs write permission on it), so in a directory others can enter, such as
    // /run, nobody else can connect before the chmod below either.
    const mode_t old_umask = ::umask(0177);
    const int bound = ::bind(fd.get(), reinterpret_cast<sockaddr*>(&addr), sizeof addr);
    const int bind_errno = errno;
    ::umask(old_umask);
    if (bound != 0) return Error::from_errno("socket " + path, bind_errno);
    if (::chmod(path.c_str(), 0600) != 0 || ::listen(fd.get(), 16) != 0) {
        const int err = errno;
        ::unlink(path.c_str());
        return Error::from_errno("socket " + path, err);
    }
    return fd;
}

}  // namespace

Result<std::unique_ptr<LiveService>> LiveService::start(const std::string& socket_path, RootDir root,
                                                        LiveTableOptions options,
                                                        std::function<DropReport()> drop_facts) {
    auto listener = bind_socket(socket_path);
    if (!listener) return listener.error();
    UniqueFd wake(::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK));
    if (!wake.valid()) return Error::from_errno("eventfd", errno);
    std::unique_ptr<LiveService> s(
        new LiveService(socket_path, std::move(root), options, std::move(drop_facts), std::move(*listener),
                        std::move(wake)));
    struct stat st {};
    if (::lstat(socket_path.c_str(), &st) == 0) s->socket_ino_ = st.st_ino;
    s->thread_ = std::thread([p = s.get()] { p->run(); });
    return s;
}

LiveService::LiveService(std::string path, RootDir root, LiveTableOptions options,
                         std::function<DropReport()> drop_facts, UniqueFd listener, UniqueFd wake)
    : path_(std::move(path)),
      root_(std::move(root)),
      options_(options),
      drop_facts_(std::move(drop_facts)),
      listener_(std::move(listener)),
      wake_(std::move(wake)) {}

LiveService::~LiveService() {
    stop();
}

void LiveService::want(std::vector<LiveWant> tables) {
    {
        std::lock_guard lock(mu_);
        pending_ = std::move(tables);
    }
    const uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_.get(), &one, sizeof one);
}

void LiveService::stop() {
    if (!thread_.joinable()) return;
    stopping_ = true;
    const uint64_t one = 1;
    [[maybe_unused]] auto n = ::write(wake_.get(), &one, sizeof one);
    thread_.join();
    // Only our socket: a daemon started since may have replaced it.
    struct stat st {};
    if (::lstat(path_.c_str(), &st) == 0 && st.st_ino == socket_ino_) ::unlink(path_.c_str());
    listener_.reset();
}

void LiveService::sync_tables() {
    std::optional<std::vector<LiveWant>> wanted;
    {
        std::lock_guard lock(mu_);
        wanted.swap(pending_);
    }
    if (wanted) {
        std::vector<Live> kept;
        for (auto& w : *wanted) {
            auto it = std::find_if(tables_.begin(), tables_.end(), [&](const Live& l) { return l.want == w; });
            if (it != tables_.end())
                kept.push_back(std::move(*it));
            else
                kept.push_back(Live{std::move(w), {}, nullptr});
        }
        tables_ = std::move(kept);
    }
    const double now = monotonic_seconds();
    for (auto& live : tables_) {
        if (!live.table && now >= live.retry_at) open_table(live);
        if (stopping_) return;
    }
}

void LiveService::open_table(Live& live) {
    auto table = LiveTable::open(root_, live.want.address, options_);
    if (!table) {
        live.retry_at = monotonic_seconds() + kRetrySeconds;
        if (!live.failed_logged)
            log_warning(fmt::format("live table {}: {}: {}; trying again every {:g} s", live.want.name,
                                    table.error().what, table.error().why, kRetrySeconds));
        live.failed_logged = true;
        return;
    }
    const NetnsId* id = live.want.address.id ? &*live.want.address.id : nullptr;
    if (!id) {
        auto own = current_netns_id();
        if (!own) {
            live.retry_at = monotonic_seconds() + kRetrySeconds;
            return;
        }
        live.id = *own;
    } else {
        live.id = *id;
    }
    live.table = std::move(*table);
    live.failed_logged = false;
    const LiveTableInfo info = live.table->info();
    log_info(fmt::format("live table {}: {} entries read in {:.2f} s; following its events", live.want.name,
                         info.entries, info.sync_seconds));
}

LiveService::Live* LiveService::table_of(const NetnsId& id) {
    for (auto& live : tables_) {
        if (live.table && live.id == id) return &live;
    }
    return nullptr;
}

std::string LiveService::answer(const std::string& line, int fd, double deadline) {
    auto req = parse_live_request(line);
    if (!req) return live_error_line(req.error().why);
    Live* live = table_of(req->netns);
    if (!live) return live_error_line("no live table of that network namespace");
    LiveTable& table = *live->table;
    const double now = wall_seconds();
    const LiveTableInfo info = table.info();
    if (req->command == LiveCommand::entries) {
        const LiveEntries& entries = table.entries();
        if (entries.size() > kMaxLiveEntries) return live_error_line("more entries than an answer may hold");
        std::string header = live_entries_header_line({entries.size(), live_sync(info, now)});
        hold_answer(fd, header.size() + entries.size() * kLiveEntryBytes);
        EntryStream stream(fd, deadline, std::move(header));
        entries.replay(stream);
        stream.flush();
        return "";  // written
    }
    if (req->command == LiveCommand::status) {
        auto stats = table.source().stats();
        if (!stats) return live_error_line(stats.error().why);
        StatusReport report{*stats, classify(stats->count, stats->max, req->thresholds), req->thresholds, {}};
        // The same drop causes a kernel read shows (totals since boot), or the answer would say less;
        // the kernel log's lines as the daemon followed them, not read again at every question.
        if (stats->have_stats) report.drops = finish_drop_report(drop_facts_(), std::nullopt, stats->stats, 0);
        if (!req->json)
            return live_response_line(status_text(report, req->width) + live_footer(live_sync(info, now)));
        auto j = status_json(report);
        j["live"] = live_json(info, now);
        return live_response_line(j);
    }
    auto filter = build_filter(req->filter);
    if (!filter) return live_error_line(filter.error().why);
    // The question without the row count: the same view answers -n 10 and -n 1000.
    nlohmann::json key = nlohmann::json::parse(line, nullptr, false);
    const TopResult result =
        table.top(nlohmann::json{{"by", key["by"]}, {"filter", key["filter"]}}.dump(), req->by, *filter, req->n);
    if (!req->json) return live_response_line(top_text(result) + live_footer(live_sync(info, now)));
    auto j = top_json(result);
    j["source"] = "daemon";
    j["live"] = live_json(info, now);
    return live_response_line(j);
}

void LiveService::serve_client(UniqueFd client) {
    if (!peer_is_root(client.get())) return;
    std::string received;
    auto line =
        receive_line(client.get(), received, kMaxLiveRequest, monotonic_seconds() + kRequestSeconds);
    const double deadline = monotonic_seconds() + kResponseSeconds;
    std::string response;
    if (!line)
        response = live_error_line("no request line within " + std::to_string(kMaxLiveRequest) + " bytes and " +
                                   fmt::format("{:g}", kRequestSeconds) + " s");
    else if (!run_logged("live query", [&] { response = answer(*line, client.get(), deadline); }))
        response = live_error_line("internal error");
    send_all(client.get(), response, deadline);
}

bool LiveService::service_tables() {
    bool behind = false;
    for (size_t i = 0; i < tables_.size(); ++i) {
        Live& live = tables_[i];
        // Every table, readable or not: service() also notices entries that vanished in silence.
        if (!live.table) continue;
        const LiveTableInfo before = live.table->info();
        if (auto ok = live.table->service(); !ok) {
            log_warning(fmt::format("live table {}: {}: {}; reading it again in {:g} s", live.want.name,
                                    ok.error().what, ok.error().why, kRetrySeconds));
            live.table.reset();
            live.retry_at = monotonic_seconds() + kRetrySeconds;
        } else if (const LiveTableInfo info = live.table->info(); info.resyncs > before.resyncs) {
            log_info(fmt::format("live table {}: resynced ({}: {} entries read in {:.2f} s)",
                                 live.want.name, info.sync_reason, info.entries, info.sync_seconds));
        } else {
            behind = behind || info.events - before.events >= options_.events_per_service;
        }
    }
    return behind;
}

void LiveService::run() {
    double next_service = 0;  // monotonic: events are read in rounds at most kEventRoundSeconds apart
    while (!stopping_) {
        sync_tables();
        if (stopping_) break;
        // Read one event per wake-up and a steady 5,000 events/s cost a poll and two receives each,
        // 10% of a core; between rounds the events wait in the socket's queue (64 MiB, seconds of a
        // flood) and a round reads them all, or reads on at once when it hit its bound. A client is
        // answered at once, from tables read first.
        const bool events_due = monotonic_seconds() >= next_service;
        std::vector<pollfd> fds{{wake_.get(), POLLIN, 0}, {listener_.get(), POLLIN, 0}};
        for (const auto& live : tables_)
            fds.push_back({events_due && live.table ? live.table->fd() : -1, POLLIN, 0});
        // A second at most: tables that failed are opened again, and the rates move on.
        const int timeout = events_due ? 1000 : ms_until(next_service);
        if (::poll(fds.data(), fds.size(), timeout) < 0 && errno != EINTR) {
            log_error(fmt::format("live tables: poll: {}", std::strerror(errno)));
            break;
        }
        if (fds[0].revents & POLLIN) {
            uint64_t n;
            [[maybe_unused]] auto r = ::read(wake_.get(), &n, sizeof n);
        }
        const bool client_waiting = fds[1].revents & POLLIN;
        if (client_waiting || monotonic_seconds() >= next_service) {
            const bool behind = service_tables();  // a round full to its bound: read on at once
            next_service = behind ? 0 : monotonic_seconds() + kEventRoundSeconds;
        }
        if (client_waiting) {
            for (int k = 0; k < kClientsPerRound; ++k) {
                UniqueFd client(::accept4(listener_.get(), nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK));
                if (!client.valid()) break;
                serve_client(std::move(client));
            }
        }
    }
}

}  // namespace ctguard

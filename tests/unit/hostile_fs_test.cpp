// Files an attacker controls: symlinks planted where ctguard reads or writes, a 1 TB sparse binary.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <filesystem>

#include "host/authorized_keys.hpp"
#include "host/persistence_scan.hpp"
#include "host/process_control.hpp"
#include "lib/atomic_file.hpp"
#include "lib/digest.hpp"
#include "lib/open_dir.hpp"
#include "lib/text.hpp"
#include "temp_tree.hpp"

using namespace ctguard;

namespace {

std::string slurp(const std::string& path) {
    auto t = read_small_file(path);
    return t ? *t : "<unreadable>";
}

// A file of `bytes` that takes no space: what anyone can make in their home or /tmp.
std::string sparse_file(const TempTree& t, const std::string& name, off_t bytes) {
    std::string path = t.dir() + "/" + name;
    UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0755));
    EXPECT_TRUE(fd.valid());
    EXPECT_EQ(::ftruncate(fd.get(), bytes), 0);
    return path;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

constexpr off_t kTerabyte = off_t(1) << 40;

}  // namespace

TEST(HostileFiles, ReadRefusesALinkOnlyWhenAsked) {
    TempTree t;
    t.write("/secret", "root:$y$hash:19700::::::\n");
    std::filesystem::create_symlink(t.dir() + "/secret", t.dir() + "/link");
    EXPECT_TRUE(read_small_file(t.dir() + "/link"));
    errno = 0;
    EXPECT_FALSE(read_small_file(t.dir() + "/link", small_file_max, FinalLink::refuse));
    EXPECT_EQ(errno, ELOOP);
    EXPECT_EQ(small_file_error(ELOOP), "a symbolic link, not followed");
    EXPECT_TRUE(read_small_file(t.dir() + "/secret", small_file_max, FinalLink::refuse));
}

TEST(HostileFiles, AuthorizedKeysLinkedToShadowIsNotRead) {
    TempTree t;
    t.write("/etc/shadow", "root:$y$j9T$secret:19700:0:99999:7:::\n", 0600);
    t.mkdir("/home/mallory/.ssh", 0700);
    std::filesystem::create_symlink(t.dir() + "/etc/shadow", t.dir() + "/home/mallory/.ssh/authorized_keys");
    PasswdEntry mallory{"mallory", 1001, 1001, "/home/mallory", "/bin/bash", 1};
    std::vector<std::string> notes;
    auto files = read_authorized_keys(t.root(), mallory, ".ssh/authorized_keys", notes);
    EXPECT_TRUE(files.empty());
    ASSERT_EQ(notes.size(), 1u);
    EXPECT_EQ(notes[0],
              "/home/mallory/.ssh/authorized_keys was not read (a symbolic link, not followed): its keys are not "
              "checked");
}

TEST(HostileFiles, TerabyteSparseBinaryIsNotHashed) {
    TempTree t;
    std::string big = sparse_file(t, "big", kTerabyte);
    auto start = std::chrono::steady_clock::now();
    errno = 0;
    EXPECT_FALSE(sha256_file(big));
    EXPECT_EQ(errno, EFBIG);
    EXPECT_FALSE(md5_file_hex(big));
    EXPECT_LT(seconds_since(start), 1.0);
    // At the cap it is still hashed; one byte over, not.
    std::string at_cap = sparse_file(t, "at_cap", 1 << 20);
    EXPECT_TRUE(sha256_file(at_cap, 1 << 20));
    EXPECT_FALSE(sha256_file(at_cap, (1 << 20) - 1));
}

TEST(HostileFiles, FifoIsNotHashed) {
    TempTree t;
    std::string fifo = t.dir() + "/fifo";
    ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
    errno = 0;
    EXPECT_FALSE(sha256_file(fifo));  // would block forever without O_NONBLOCK and the S_ISREG check
    EXPECT_EQ(errno, EINVAL);
}

TEST(HostileFiles, BinaryCopyIsStreamedAndCut) {
    TempTree t;
    t.mkdir("/evidence", 0700);
    UniqueFd dir(::open((t.dir() + "/evidence").c_str(), O_RDONLY | O_DIRECTORY));
    auto open_bin = [&](const std::string& path) {
        RunningBinary b;
        b.fd = UniqueFd(::open(path.c_str(), O_RDONLY));
        struct stat st {};
        ::fstat(b.fd.get(), &st);
        b.size = static_cast<uint64_t>(st.st_size);
        return b;
    };
    // A small binary is kept whole, named by its hash.
    t.write("/small", "\x7f" "ELF small binary");
    auto small = open_bin(t.dir() + "/small");
    auto c = copy_binary(small, dir.get(), "evidence", 1 << 20);
    ASSERT_TRUE(c) << c.error().why;
    EXPECT_FALSE(c->cut);
    EXPECT_EQ(c->sha256, sha256_hex("\x7f" "ELF small binary"));
    EXPECT_EQ(c->name, c->sha256 + ".bin");
    EXPECT_EQ(slurp(t.dir() + "/evidence/" + c->name), "\x7f" "ELF small binary");
    struct stat st {};
    ASSERT_EQ(::stat((t.dir() + "/evidence/" + c->name).c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0400u);

    // A 1 TB sparse one: the first MiB only, quickly, and the name says so.
    auto big = open_bin(sparse_file(t, "big", kTerabyte));
    auto start = std::chrono::steady_clock::now();
    auto cut = copy_binary(big, dir.get(), "evidence", 1 << 20);
    ASSERT_TRUE(cut) << cut.error().why;
    EXPECT_LT(seconds_since(start), 2.0);
    EXPECT_TRUE(cut->cut);
    EXPECT_EQ(cut->kept, uint64_t(1) << 20);
    EXPECT_EQ(cut->size, uint64_t(kTerabyte));
    EXPECT_EQ(cut->name, cut->sha256 + ".first-1MiB.bin");
    EXPECT_EQ(cut->sha256, sha256_hex(std::string(1 << 20, '\0')));
    ASSERT_EQ(::stat((t.dir() + "/evidence/" + cut->name).c_str(), &st), 0);
    EXPECT_EQ(st.st_size, 1 << 20);
    // Nothing else was left in the directory (no temporary files).
    EXPECT_EQ(std::distance(std::filesystem::directory_iterator(t.dir() + "/evidence"), {}), 2);
}

TEST(HostileFiles, AtomicWriteReplacesAPlantedLinkInsteadOfFollowingIt) {
    TempTree t;
    t.write("/victim", "precious\n");
    t.mkdir("/dir");
    std::filesystem::create_symlink(t.dir() + "/victim", t.dir() + "/dir/target");
    ASSERT_TRUE(write_file_atomic(t.dir() + "/dir/target", "new\n"));
    EXPECT_EQ(slurp(t.dir() + "/victim"), "precious\n");
    EXPECT_FALSE(std::filesystem::is_symlink(t.dir() + "/dir/target"));
    EXPECT_EQ(slurp(t.dir() + "/dir/target"), "new\n");
}

TEST(HostileFiles, RootWritesStayInTheTree) {
    TempTree outside;
    TempTree t;
    outside.mkdir("/sshd_config.d");
    t.mkdir("/etc/ssh");
    // An absolute link leading out of the tree: written inside the tree, or refused; never outside.
    std::filesystem::create_symlink(outside.dir() + "/sshd_config.d", t.dir() + "/etc/ssh/sshd_config.d");
    auto w = write_file_in_root(t.root(), "/etc/ssh/sshd_config.d/00-ctguard.conf", "x\n", 0644);
    EXPECT_FALSE(w);
    EXPECT_EQ(w.error().what, "/etc/ssh/sshd_config.d (under " + t.dir() + ")");
    EXPECT_EQ(w.error().why, "is a symbolic link to no directory inside the tree; refusing to write through it");
    EXPECT_TRUE(std::filesystem::is_empty(outside.dir() + "/sshd_config.d"));

    // A relative link climbing out stops at the tree's top: the write lands in the tree's /x.d.
    t.mkdir("/x.d");
    std::filesystem::create_symlink("../../../../../../../../x.d", t.dir() + "/etc/climb.d");
    ASSERT_TRUE(write_file_in_root(t.root(), "/etc/climb.d/f", "y\n", 0644));
    EXPECT_EQ(slurp(t.dir() + "/x.d/f"), "y\n");

    // An absolute link inside an image means the image's own path.
    t.mkdir("/srv/real.d");
    std::filesystem::create_symlink("/srv/real.d", t.dir() + "/etc/abs.d");
    ASSERT_TRUE(write_file_in_root(t.root(), "/etc/abs.d/f", "z\n", 0600));
    EXPECT_EQ(slurp(t.dir() + "/srv/real.d/f"), "z\n");

    // Missing directories are made, inside the tree.
    ASSERT_TRUE(write_file_in_root(t.root(), "/var/backups/ctguard/b", "b\n", 0600));
    EXPECT_EQ(slurp(t.dir() + "/var/backups/ctguard/b"), "b\n");
    ASSERT_TRUE(remove_file_in_root(t.root(), "/var/backups/ctguard/b"));
    ASSERT_TRUE(remove_file_in_root(t.root(), "/var/backups/ctguard/b"));  // gone already: fine
    EXPECT_FALSE(std::filesystem::exists(t.dir() + "/var/backups/ctguard/b"));
}

TEST(HostileFiles, OwnDirectoriesRefuseEveryLink) {
    TempTree t;
    t.mkdir("/real");
    std::filesystem::create_symlink(t.dir() + "/real", t.dir() + "/link");
    auto d = open_dir(RootDir{}, t.dir() + "/link/evidence", Symlinks::refuse, 0700);
    ASSERT_FALSE(d);
    EXPECT_EQ(d.error().why, "is a symbolic link; refusing to follow it here");
    EXPECT_FALSE(std::filesystem::exists(t.dir() + "/real/evidence"));
    auto ok = open_dir(RootDir{}, t.dir() + "/real/evidence/g1", Symlinks::refuse, 0700);
    ASSERT_TRUE(ok) << ok.error().why;
    struct stat st {};
    ASSERT_EQ(::stat((t.dir() + "/real/evidence/g1").c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 0077, 0u);
    EXPECT_FALSE(open_dir(RootDir{}, t.dir() + "/real/../link", Symlinks::refuse));
}

TEST(HostileFiles, PersistenceScanNeitherFollowsHomeLinksNorPassesAHugeSystemBinary) {
    TempTree t;
    t.write("/etc/shadow", "root:$y$j9T$secret:19700:0:99999:7:::\n", 0600);
    t.mkdir("/home/mallory");
    std::filesystem::create_symlink(t.dir() + "/etc/shadow", t.dir() + "/home/mallory/.bashrc");
    // A ps replaced by a 1 TB sparse file: dpkg recorded the real one's md5.
    t.mkdir("/bin");
    sparse_file(t, "bin/ps", kTerabyte);
    t.write("/var/lib/dpkg/info/procps.list", "/bin/ps\n");
    t.write("/var/lib/dpkg/info/procps.md5sums", "0123456789abcdef0123456789abcdef  bin/ps\n");
    std::vector<std::string> notes;
    auto start = std::chrono::steady_clock::now();
    auto scan = scan_persistence(t.root(), {"/home/mallory"}, notes);
    EXPECT_LT(seconds_since(start), 2.0);
    bool rc_listed = false;
    for (const auto& f : scan.startup) {
        if (f.path != "/home/mallory/.bashrc") continue;
        rc_listed = true;
        EXPECT_EQ(f.text, "");
    }
    EXPECT_TRUE(rc_listed);
    EXPECT_NE(std::find(notes.begin(), notes.end(), "/home/mallory/.bashrc is a symbolic link: not followed, not read"),
              notes.end());
    ASSERT_EQ(scan.binaries.size(), 1u);
    EXPECT_EQ(scan.binaries[0].actual_md5, "none: larger than 128 MiB, not hashed");
    EXPECT_NE(scan.binaries[0].actual_md5, scan.binaries[0].expected_md5);  // so audit flags it as modified
}

// The ELF reader against binutils' nm on the system's own libraries, a library without section
// headers (which nm cannot read, and the loader does not need), cut and forged images, and
// /proc/PID/maps lines.
#include <gtest/gtest.h>

#include <elf.h>
#include <unistd.h>
#include <algorithm>
#include <cstdio>
#include <cstring>
#include <set>

#include "host/elf_symbols.hpp"
#include "host/preloaded_libraries.hpp"
#include "lib/text.hpp"

using namespace ctguard;

namespace {

// `nm -D --defined-only`'s functions: types T and t (text), W (weak), i (indirect); versions cut off.
std::set<std::string> nm_functions(const std::string& path) {
    std::set<std::string> out;
    FILE* f = ::popen(("/usr/bin/nm -D --defined-only " + path).c_str(), "r");
    if (!f) return out;
    char line[4096];
    while (std::fgets(line, sizeof line, f)) {
        auto fields = split(trim(line), ' ');
        if (fields.size() != 3 || fields[1].size() != 1 ||
            std::string_view("TWi").find(fields[1][0]) == std::string_view::npos)
            continue;
        out.emplace(fields[2].substr(0, fields[2].find('@')));
    }
    ::pclose(f);
    return out;
}

std::set<std::string> ours(std::string_view image) {
    auto r = elf_defined_functions(image);
    EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().why);
    return r.ok() ? std::set<std::string>(r->begin(), r->end()) : std::set<std::string>{};
}

const char* const kLibraries[] = {"/lib/x86_64-linux-gnu/libc.so.6", "/lib/x86_64-linux-gnu/libm.so.6",
                                  "/lib/x86_64-linux-gnu/libz.so.1"};

}  // namespace

TEST(ElfSymbols, SameFunctionsAsNm) {
    for (const char* path : kLibraries) {
        auto image = read_small_file(path, 64u << 20);
        if (!image) GTEST_SKIP() << path << " is not here (not an x86-64 Debian)";
        auto expected = nm_functions(path);
        ASSERT_GT(expected.size(), 50u) << path;
        EXPECT_EQ(ours(*image), expected) << path;
    }
}

// This test's own libc, found by file name among its mappings and read through map_files (root only).
TEST(PreloadedLibraries, ReadsTheMappedObject) {
    if (::geteuid() != 0) GTEST_SKIP() << "map_files needs root";
    const std::vector<std::string_view> wanted = {"readdir", "fopen", "no_such_function"};
    auto libs = read_preloaded_libraries(RootDir{}, ::getpid(), "libc.so.6:/not/loaded.so", wanted);
    ASSERT_EQ(libs.size(), 2u);
    EXPECT_TRUE(libs[0].path.ends_with("/libc.so.6")) << libs[0].path;
    EXPECT_EQ(libs[0].note, "");
    std::sort(libs[0].hooks.begin(), libs[0].hooks.end());
    EXPECT_EQ(libs[0].hooks, (std::vector<std::string>{"fopen", "readdir"}));
    EXPECT_EQ(libs[1].path, "/not/loaded.so");
    EXPECT_NE(libs[1].note, "");
    EXPECT_TRUE(libs[1].hooks.empty());
}

// Both hash table kinds (the count of symbols comes from them) and both ELF classes.
TEST(ElfSymbols, TinyLibrariesOfBothClasses) {
    for (const char* name : {"gnu_hash_64.so", "sysv_hash_32.so"}) {
        auto image = read_small_file(std::string(CTGUARD_TEST_DATA) + "/elf/" + name);
        ASSERT_TRUE(image) << name;
        EXPECT_EQ(ours(*image), (std::set<std::string>{"fopen", "readdir"})) << name;
    }
}

// The loader needs only program headers; a rootkit stripped of its section headers still loads.
TEST(ElfSymbols, WithoutSectionHeaders) {
    auto image = read_small_file(kLibraries[2], 64u << 20);
    if (!image) GTEST_SKIP();
    std::string stripped = *image;
    Elf64_Ehdr eh;
    std::memcpy(&eh, stripped.data(), sizeof eh);
    eh.e_shoff = 0;
    eh.e_shnum = 0;
    eh.e_shstrndx = 0;
    std::memcpy(stripped.data(), &eh, sizeof eh);
    EXPECT_EQ(ours(stripped), ours(*image));
}

// Every cut of a real library is refused or read, never read past its end (ASan builds check that).
TEST(ElfSymbols, CutAndForgedImages) {
    auto image = read_small_file(kLibraries[2], 64u << 20);
    if (!image) GTEST_SKIP();
    size_t refused = 0;
    for (size_t n = 0; n < image->size(); n += 61)
        refused += elf_defined_functions(image->substr(0, n)).ok() ? 0 : 1;
    EXPECT_GT(refused, 0u);
    EXPECT_FALSE(elf_defined_functions("").ok());
    EXPECT_FALSE(elf_defined_functions("#!/bin/sh\n").ok());
    // A forged program header count far past the file.
    std::string forged = *image;
    Elf64_Ehdr eh;
    std::memcpy(&eh, forged.data(), sizeof eh);
    eh.e_phnum = 0xffff;
    eh.e_phoff = forged.size() - 8;
    std::memcpy(forged.data(), &eh, sizeof eh);
    EXPECT_FALSE(elf_defined_functions(forged).ok());
}

TEST(PreloadedLibraries, ParsesMaps) {
    auto maps = parse_maps(
        "00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/dbus-daemon\n"
        "7f3c2a000000-7f3c2a021000 rw-p 00000000 00:00 0 \n"
        "7f3c2b000000-7f3c2b021000 r-xp 00000000 08:02 99 /usr/local/lib/lib net.so (deleted)\n"
        "7ffd1a5e2000-7ffd1a603000 rw-p 00000000 00:00 0                          [stack]\n"
        "garbage\n");
    ASSERT_EQ(maps.size(), 2u);
    EXPECT_EQ(maps[0].range, "400000-452000");  // map_files names drop maps' zero padding
    EXPECT_EQ(maps[0].path, "/usr/bin/dbus-daemon");
    EXPECT_EQ(maps[1].range, "7f3c2b000000-7f3c2b021000");
    EXPECT_EQ(maps[1].path, "/usr/local/lib/lib net.so (deleted)");
    EXPECT_EQ(preload_entries("/a.so:/b.so  libc.so\t"),
              (std::vector<std::string_view>{"/a.so", "/b.so", "libc.so"}));
}

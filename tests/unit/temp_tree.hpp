#pragma once
// A throw-away directory tree for tests that read files (--root trees); removed with its content.
#include <gtest/gtest.h>
#include <stdlib.h>
#include <sys/stat.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "lib/root_dir.hpp"

namespace ctguard {

class TempTree {
  public:
    TempTree() {
        std::string templ = ::testing::TempDir() + "ctguard-test-XXXXXX";
        if (!::mkdtemp(templ.data())) throw std::runtime_error("mkdtemp failed");
        dir_ = templ;
    }
    ~TempTree() {
        std::error_code ec;
        std::filesystem::remove_all(dir_, ec);
    }
    TempTree(const TempTree&) = delete;
    TempTree& operator=(const TempTree&) = delete;

    // Writes `content` at DIR + `absolute` (parents created).
    void write(const std::string& absolute, const std::string& content, mode_t mode = 0644) const {
        std::filesystem::create_directories(std::filesystem::path(dir_ + absolute).parent_path());
        std::ofstream(dir_ + absolute) << content;
        ::chmod((dir_ + absolute).c_str(), mode);
    }
    void mkdir(const std::string& absolute, mode_t mode = 0755) const {
        std::filesystem::create_directories(dir_ + absolute);
        ::chmod((dir_ + absolute).c_str(), mode);
    }
    RootDir root() const { return RootDir{dir_}; }
    const std::string& dir() const { return dir_; }

  private:
    std::string dir_;
};

}  // namespace ctguard

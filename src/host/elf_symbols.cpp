#include "host/elf_symbols.hpp"

#include <elf.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <optional>

namespace ctguard {

namespace {

// The limit on symbols read from one library: libc defines about 3,000; a forged count is not a
// reason to walk gigabytes.
constexpr uint64_t kMaxSymbols = 1u << 20;

struct Elf32 {
    using Ehdr = Elf32_Ehdr;
    using Phdr = Elf32_Phdr;
    using Dyn = Elf32_Dyn;
    using Sym = Elf32_Sym;
    using Word = uint32_t;  // a GNU hash table's bloom filter word
    static constexpr unsigned char kClass = ELFCLASS32;
    static unsigned char type(const Sym& s) { return ELF32_ST_TYPE(s.st_info); }
    static unsigned char bind(const Sym& s) { return ELF32_ST_BIND(s.st_info); }
};

struct Elf64 {
    using Ehdr = Elf64_Ehdr;
    using Phdr = Elf64_Phdr;
    using Dyn = Elf64_Dyn;
    using Sym = Elf64_Sym;
    using Word = uint64_t;
    static constexpr unsigned char kClass = ELFCLASS64;
    static unsigned char type(const Sym& s) { return ELF64_ST_TYPE(s.st_info); }
    static unsigned char bind(const Sym& s) { return ELF64_ST_BIND(s.st_info); }
};

// The image's bytes at [offset, offset + size), or nothing when they are not all there.
std::optional<std::string_view> bytes_at(std::string_view image, uint64_t offset, uint64_t size) {
    if (offset > image.size() || size > image.size() - offset) return std::nullopt;
    return image.substr(offset, size);
}

template <typename T>
std::optional<T> read_at(std::string_view image, uint64_t offset) {
    auto b = bytes_at(image, offset, sizeof(T));
    if (!b) return std::nullopt;
    T v;
    std::memcpy(&v, b->data(), sizeof(T));
    return v;
}

template <typename E>
class Reader {
  public:
    explicit Reader(std::string_view image) : image_(image) {}

    Result<std::vector<std::string>> functions() {
        auto eh = read_at<typename E::Ehdr>(image_, 0);
        if (!eh || eh->e_type != ET_DYN) return bad("not a shared object");
        if (eh->e_phentsize != sizeof(typename E::Phdr)) return bad("unexpected program header size");
        std::optional<typename E::Phdr> dynamic;
        for (uint64_t i = 0; i < eh->e_phnum; ++i) {
            auto ph = read_at<typename E::Phdr>(image_, eh->e_phoff + i * sizeof(typename E::Phdr));
            if (!ph) return bad("program headers past the end of the file");
            if (ph->p_type == PT_LOAD) loads_.push_back(*ph);
            if (ph->p_type == PT_DYNAMIC) dynamic = *ph;
        }
        if (!dynamic) return bad("no dynamic segment");
        uint64_t symtab = 0, strtab = 0, strsz = 0, syment = sizeof(typename E::Sym), hash = 0, gnu_hash = 0;
        for (uint64_t off = dynamic->p_offset;
             off + sizeof(typename E::Dyn) <= dynamic->p_offset + dynamic->p_filesz;
             off += sizeof(typename E::Dyn)) {
            auto d = read_at<typename E::Dyn>(image_, off);
            if (!d || d->d_tag == DT_NULL) break;
            const uint64_t v = d->d_un.d_val;
            switch (d->d_tag) {
                case DT_SYMTAB:
                    symtab = v;
                    break;
                case DT_STRTAB:
                    strtab = v;
                    break;
                case DT_STRSZ:
                    strsz = v;
                    break;
                case DT_SYMENT:
                    syment = v;
                    break;
                case DT_HASH:
                    hash = v;
                    break;
                case DT_GNU_HASH:
                    gnu_hash = v;
                    break;
                default:
                    break;
            }
        }
        if (syment != sizeof(typename E::Sym)) return bad("unexpected symbol size");
        auto sym_off = file_offset(symtab);
        auto str_off = file_offset(strtab);
        if (!sym_off || !str_off) return bad("symbol or string table outside the file");
        auto strings = bytes_at(image_, *str_off, strsz);
        if (!strings) return bad("string table past the end of the file");
        auto count = hash ? count_from_hash(hash) : gnu_hash ? count_from_gnu_hash(gnu_hash) : std::nullopt;
        if (!count) return bad("no readable symbol hash table");

        std::vector<std::string> out;
        for (uint64_t i = 0; i < std::min(*count, kMaxSymbols); ++i) {
            auto s = read_at<typename E::Sym>(image_, *sym_off + i * sizeof(typename E::Sym));
            if (!s) return bad("symbol table past the end of the file");
            const auto type = E::type(*s), bind = E::bind(*s);
            if ((type != STT_FUNC && type != STT_GNU_IFUNC) || s->st_shndx == SHN_UNDEF) continue;
            if (bind != STB_GLOBAL && bind != STB_WEAK) continue;
            if (s->st_name >= strings->size()) return bad("symbol name outside the string table");
            auto name = strings->substr(s->st_name);
            out.emplace_back(name.substr(0, name.find('\0')));
        }
        return out;
    }

  private:
    static Error bad(const std::string& why) { return Error::usage("ELF image", why); }

    // Where a virtual address of a loaded segment is in the file.
    std::optional<uint64_t> file_offset(uint64_t vaddr) const {
        for (const auto& l : loads_) {
            if (vaddr >= l.p_vaddr && vaddr - l.p_vaddr < l.p_filesz) return l.p_offset + (vaddr - l.p_vaddr);
        }
        return std::nullopt;
    }

    // DT_HASH: nbucket, nchain, ...; nchain is the number of symbols.
    std::optional<uint64_t> count_from_hash(uint64_t vaddr) const {
        auto off = file_offset(vaddr);
        if (!off) return std::nullopt;
        auto nchain = read_at<uint32_t>(image_, *off + 4);
        if (!nchain) return std::nullopt;
        return *nchain;
    }

    // DT_GNU_HASH does not store the count: it is one past the highest index any bucket's chain
    // reaches (a chain ends at a hash value with its low bit set).
    std::optional<uint64_t> count_from_gnu_hash(uint64_t vaddr) const {
        auto off = file_offset(vaddr);
        if (!off) return std::nullopt;
        auto nbuckets = read_at<uint32_t>(image_, *off);
        auto symoffset = read_at<uint32_t>(image_, *off + 4);
        auto bloom_size = read_at<uint32_t>(image_, *off + 8);
        if (!nbuckets || !symoffset || !bloom_size) return std::nullopt;
        const uint64_t buckets = *off + 16 + uint64_t{*bloom_size} * sizeof(typename E::Word);
        const uint64_t chains = buckets + uint64_t{*nbuckets} * 4;
        uint32_t last = 0;
        for (uint64_t b = 0; b < *nbuckets; ++b) {
            auto v = read_at<uint32_t>(image_, buckets + b * 4);
            if (!v) return std::nullopt;
            last = std::max(last, *v);
        }
        if (last < *symoffset) return *symoffset;
        for (uint64_t i = last; i - *symoffset < kMaxSymbols; ++i) {
            auto h = read_at<uint32_t>(image_, chains + (i - *symoffset) * 4);
            if (!h) return std::nullopt;
            if (*h & 1) return i + 1;
        }
        return std::nullopt;
    }

    std::string_view image_;
    std::vector<typename E::Phdr> loads_;
};

}  // namespace

Result<std::vector<std::string>> elf_defined_functions(std::string_view image) {
    if (image.size() < EI_NIDENT || std::memcmp(image.data(), ELFMAG, SELFMAG) != 0)
        return Error::usage("ELF image", "not an ELF file");
    constexpr unsigned char kOurByteOrder =
        std::endian::native == std::endian::little ? ELFDATA2LSB : ELFDATA2MSB;
    if (static_cast<unsigned char>(image[EI_DATA]) != kOurByteOrder)
        return Error::usage("ELF image", "not this machine's byte order");
    switch (static_cast<unsigned char>(image[EI_CLASS])) {
        case ELFCLASS32:
            return Reader<Elf32>(image).functions();
        case ELFCLASS64:
            return Reader<Elf64>(image).functions();
        default:
            return Error::usage("ELF image", "unknown ELF class");
    }
}

}  // namespace ctguard

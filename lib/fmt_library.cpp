// fmt's compiled part (Debian's libfmt-dev 9.1 ships it only as libfmt.so): what fmt's own
// src/format.cc holds, built once here. The binary links libstdc++ statically to start fast
// (docs/testing.md), and a shared libfmt would load the shared libstdc++ beside it. Every other
// file includes fmt's headers as usual: format.h declares these instantiations extern, so they
// are compiled in this file only (FMT_HEADER_ONLY would compile them into every file that formats).
#include <fmt/format-inl.h>

FMT_BEGIN_NAMESPACE
namespace detail {

template FMT_API auto dragonbox::to_decimal(float x) noexcept -> dragonbox::decimal_fp<float>;
template FMT_API auto dragonbox::to_decimal(double x) noexcept -> dragonbox::decimal_fp<double>;

template FMT_API locale_ref::locale_ref(const std::locale& loc);
template FMT_API auto locale_ref::get<std::locale>() const -> std::locale;

template FMT_API auto thousands_sep_impl(locale_ref) -> thousands_sep_result<char>;
template FMT_API auto decimal_point_impl(locale_ref) -> char;
template FMT_API void buffer<char>::append(const char*, const char*);
template FMT_API void vformat_to(buffer<char>&, string_view, basic_format_args<FMT_BUFFER_CONTEXT(char)>,
                                 locale_ref);

}  // namespace detail
FMT_END_NAMESPACE

#pragma once

#include <QString>

#include <array>
#include <cstddef>

namespace hookscope {

// The display name of an enumerator from a table in enum order: `names[value]`, empty for a value
// outside it or named "". Each table sits next to a static_assert on the enum's last value, so adding an
// enumerator without its name does not compile.
template<typename Enum, std::size_t N>
QString enumName(const std::array<const char *, N> &names, Enum value)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N && names[index][0] != 0 ? QString::fromLatin1(names[index]) : QString();
}

} // namespace hookscope

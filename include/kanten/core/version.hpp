// kanten/core/version.hpp — the library's version, kept here and nowhere else: CMakeLists.txt
// reads the three numbers below into project(kanten VERSION ...), and capi/kanten.h's copy for C
// is checked against them when the C ABI is built.
#pragma once

/// Major version: changes only with an incompatible API change.
#define KANTEN_VERSION_MAJOR 0
/// Minor version: new features.
#define KANTEN_VERSION_MINOR 1
/// Patch version: fixes.
#define KANTEN_VERSION_PATCH 0
/// major * 10000 + minor * 100 + patch.
#define KANTEN_VERSION_NUMBER (KANTEN_VERSION_MAJOR * 10000 + KANTEN_VERSION_MINOR * 100 + KANTEN_VERSION_PATCH)

/// Turns a version number into text (for version_string).
#define KANTEN_VERSION_TEXT_(n) #n
#define KANTEN_VERSION_TEXT(n) KANTEN_VERSION_TEXT_(n)

namespace kanten::inline v1 {
/// The version string, e.g. "0.1.0".
inline constexpr const char* version_string =
    KANTEN_VERSION_TEXT(KANTEN_VERSION_MAJOR) "." KANTEN_VERSION_TEXT(KANTEN_VERSION_MINOR) "." KANTEN_VERSION_TEXT(KANTEN_VERSION_PATCH);
}  // namespace kanten::inline v1

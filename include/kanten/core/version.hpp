// kanten/version.hpp — the library's version.
#pragma once

/// Major version: changes only with an incompatible API change.
#define KANTEN_VERSION_MAJOR 0
/// Minor version: new features.
#define KANTEN_VERSION_MINOR 1
/// Patch version: fixes.
#define KANTEN_VERSION_PATCH 0
/// major * 10000 + minor * 100 + patch.
#define KANTEN_VERSION_NUMBER (KANTEN_VERSION_MAJOR * 10000 + KANTEN_VERSION_MINOR * 100 + KANTEN_VERSION_PATCH)

namespace kanten::inline v1 {
/// The version string, e.g. "0.1.0".
inline constexpr const char* version_string = "0.1.0";
}  // namespace kanten::inline v1

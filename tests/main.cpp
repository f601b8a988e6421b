// The Catch2 (2.13) test runner for kanten's C++ tests.
#define CATCH_CONFIG_MAIN
#include <catch2/catch.hpp>

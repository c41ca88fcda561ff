#pragma once

// What every harness uses to state an invariant: on failure it prints the condition and a message
// to stderr and aborts, which libFuzzer reports as a crash (and saves the input) and which fails the
// seed-corpus ctest case in the normal build. Never compiled out (unlike Q_ASSERT in release builds).

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(condition, message)                                                             \
    do {                                                                                           \
        if (!(condition)) {                                                                        \
            std::fprintf(stderr, "%s:%d: invariant failed: %s\n  %s\n", __FILE__, __LINE__,        \
                         #condition, message);                                                     \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

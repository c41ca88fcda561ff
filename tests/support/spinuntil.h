#pragma once

#include <functional>

namespace hookscope::test {

// Runs the event loop until `done()` holds or `timeoutMs` passed; whether it holds. Unlike
// QTest::qWaitFor, which sleeps between polls, this blocks in the event loop, so a receiver or
// server living on the test's thread answers at its own pace rather than one answer per poll.
bool spinUntil(const std::function<bool()> &done, int timeoutMs);

} // namespace hookscope::test

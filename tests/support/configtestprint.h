#pragma once

#include "core/config/configdiagnostic.h"

#include <QTest>

namespace hookscope {

// Lets QCOMPARE print a diagnostic (and lists of them) instead of "<null>" on failure.
inline char *toString(const ConfigDiagnostic &diagnostic)
{
    return QTest::toString(diagnostic.toString());
}

} // namespace hookscope

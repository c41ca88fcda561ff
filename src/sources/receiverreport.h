#pragma once

#include "testing/testendpointstats.h"

#include <QList>
#include <QString>

namespace hookscope {

class Generator;
class TestEndpointServer;

// What each built-in test endpoint received, against what the generator sent: the scenario's
// verdict (headless prints it at the end, the e2e test reads it).
struct ReceiverReport
{
    TestEndpointStats stats;
    quint64 generated = 0;   // events the generator handed out
    // Generated events this endpoint never accepted; -1 when not measurable (no generator, or no
    // enabled endpoint sends to this test endpoint).
    qint64 lost = -1;

    // Reads the server and the generator now. `fed`: names of test endpoints an enabled endpoint
    // (without filters) sends to. Call on the thread of `generator` (the engine thread).
    static QList<ReceiverReport> collect(const TestEndpointServer *server, const Generator *generator,
                                         const QStringList &fed);
    // `receiver healthy accepted=120 unique=120 dup=0 order=0 lost=0 generated=120 requests=123`
    QString toLine() const;
};

} // namespace hookscope

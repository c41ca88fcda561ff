#pragma once

#include "core/model/eventrecord.h"

#include <QDateTime>
#include <QString>

namespace hookscope {

// Why an event left its queue without being delivered. Below the engine, so the stores that
// persist dead letters (the journal) need nothing from above them.
enum class DeadLetterReason { Skipped, Purged, GaveUp, Closed };
QString deadLetterReasonName(DeadLetterReason reason);   // "skipped", "purged", "gave up", "closed"

// One event an endpoint stopped trying to deliver, with why.
struct DeadLetter
{
    EventPtr event;
    DeadLetterReason reason = DeadLetterReason::Skipped;
    QDateTime at;
    int attempts = 0;
    QString lastError;
};

} // namespace hookscope

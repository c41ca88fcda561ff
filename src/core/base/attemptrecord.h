#pragma once

#include "core/base/errorclass.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QPair>
#include <QVector>

namespace hookscope {

using HeaderList = QList<QPair<QByteArray, QByteArray>>;

// One HTTP delivery attempt, as the attempt log keeps it.
struct AttemptRecord
{
    enum Outcome { Success, Failure, Error, Cancelled };
    qint64 sequence = 0;                 // per endpoint, from 1
    QDateTime startedAt;                 // wall clock, for display
    double durationMs = 0;
    QVector<QByteArray> eventIds;
    QString url;
    HeaderList requestHeaders;           // secret values masked
    qint64 requestBodyBytes = 0;
    QByteArray requestBody;              // first 64 KiB
    Outcome outcome = Error;
    int status = 0;                      // 0 when no response
    QString reason;                      // Go status text for the status
    HeaderList responseHeaders;
    QByteArray responseBody;             // first 64 KiB
    ErrorClass errorClass = ErrorClass::None;
    QString errorText;
    QString note;                        // e.g. "redirected to other host h:1: dropped Authorization"
    // The attempt log's memory budget (hookscope.attemptlog.budget) dropped both bodies; the sizes
    // and everything else are as recorded.
    bool bodiesDropped = false;

    static constexpr qsizetype BodyCaptureLimit = 64 * 1024;
    int eventCount() const { return int(eventIds.size()); }
};

QString attemptOutcomeName(AttemptRecord::Outcome outcome);   // "success", "failure", "error", "cancelled"

} // namespace hookscope

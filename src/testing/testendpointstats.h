#pragma once

#include "testing/receiverchecks.h"
#include "testing/testendpointbehaviour.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>
#include <QUrl>

namespace hookscope {

// One request as a test endpoint saw it, for the "last requests" list.
struct TestEndpointRequestSummary
{
    qint64 atMs = 0;              // wall clock, ms since the epoch, when the outcome happened
    QByteArray method;
    QByteArray target;
    QByteArray contentType;
    qint64 bodyBytes = 0;
    int events = 0;               // events in the envelope; 0 when not an envelope
    QByteArray firstEventId;
    int status = 0;               // the answered status; 0 when none was sent
    QString outcome;              // "answered", "reset", "closed", "hang", "garbage"
    int connectionId = 0;
};

// A value snapshot of one test endpoint: behaviour, what it answered and the receiver checks.
struct TestEndpointStats
{
    QString name;
    QUrl url;
    bool ownPort = false;         // has its own listener, so Down refuses connections
    bool listening = false;       // own port: is the listener open right now
    bool down = false;            // in a down phase right now
    QString lastError;            // e.g. the own port could not be reopened
    TestEndpointBehaviour behaviour;

    qint64 requests = 0;          // complete requests that reached this endpoint
    qint64 accepted = 0;          // answered 200-399 (what the registry counts as delivered)
    qint64 rejected = 0;          // answered with any other status
    qint64 resets = 0;            // connection reset (down on a shared port, or reset mode)
    qint64 closes = 0;            // closed without an answer (down style close, or close mode)
    qint64 hangs = 0;             // never answered
    qint64 garbage = 0;           // answered with bytes that are not HTTP
    QMap<int, qint64> statuses;   // every answered status code
    ReceiverCheckCounts checks;   // over accepted envelopes only
    QList<TestEndpointRequestSummary> recent;   // oldest first, at most the configured number

    // For /debug/vars and exports: counters and checks, the behaviour, and the recent requests
    // when withRecent is set. Keys are stable (tools read them).
    QJsonObject toJson(bool withRecent = false) const;
};

} // namespace hookscope

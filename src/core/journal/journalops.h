#pragma once

#include "core/model/eventrecord.h"

#include <QByteArray>
#include <QHash>
#include <QString>
#include <QVector>

namespace hookscope {

// One change to the journal, buffered by Journal and applied by JournalFile inside a group commit.
// A flat value rather than a class hierarchy: thousands of these are queued per commit and they only
// ever travel from one buffer into one transaction.
struct JournalOp
{
    enum Kind {
        InsertEvent,        // key, event
        DeleteEvent,        // key
        Enqueue,            // endpoint, position, key
        DequeueBefore,      // endpoint, position: every queue row before it is gone
        MarkSent,           // endpoint, position .. number (exclusive): handed to the receiver
        AddDeadLetter,      // endpoint, position, key, text (reason), bytes (last error), number (attempts), at (ms)
        RemoveDeadLetter,   // endpoint, key
        SetTotals,          // endpoint, bytes (JSON)
        DropEndpoint,       // endpoint
        RenameEndpoint,     // endpoint (old name), text (new name)
    };
    Kind kind = InsertEvent;
    QString endpoint;
    qint64 key = 0;
    qint64 position = 0;
    qint64 number = 0;
    qint64 at = 0;
    QString text;
    QByteArray bytes;
    EventPtr event;
};

// Queue rows as a page read back while running: contiguous positions from `first`.
struct QueueRows
{
    qint64 first = 0;
    EventBlock events;
    QString error;   // set when the read failed
};

// What a journal file holds, as read back at start.
struct JournalContents
{
    struct Queued
    {
        qint64 position = 0;
        qint64 key = 0;
        bool sent = false;   // handed to the receiver before the process stopped
    };
    struct Dead
    {
        qint64 position = 0;
        qint64 key = 0;
        QString reason;
        qint64 atMs = 0;
        int attempts = 0;
        QString lastError;
    };
    struct Endpoint
    {
        QVector<Queued> queue;   // the first rows by position, up to the window asked for
        qint64 queueCount = 0;   // all rows, loaded or not
        qint64 queueTail = 0;    // position after the last row (0 when the queue is empty)
        QVector<Dead> dead;      // by position
        QByteArray totals;       // JSON; empty when never written
    };
    // The events the loaded rows refer to (not those of queue rows beyond the window).
    QHash<qint64, EventRecord::Stored> events;
    QHash<QString, Endpoint> endpoints;
    // Queue rows plus dead letters per event key, ascending by key.
    QVector<QPair<qint64, qint64>> references;
    QVector<qint64> orphans;    // event rows nothing refers to
    qint64 maxKey = 0;
};

} // namespace hookscope

#pragma once

#include "sources/replayloader.h"

#include <QString>
#include <QStringList>

namespace hookscope {

// What a replay took and left, small enough to keep for the final report once the envelopes are
// gone: files that loaded and their events, and each file left out with why (folder entries that
// are no replay file, files refused for an error).
struct ReplaySummary
{
    int files = 0;          // files that loaded
    qint64 events = 0;      // their events
    QStringList skipped;    // "notes.txt: not a replay file (...)", "b.json: line 3: ..."

    static ReplaySummary of(const ReplayLoad &load);
    bool isEmpty() const { return files == 0 && skipped.isEmpty(); }
    // "replay: 3 files, 120 events published, 2 files skipped (a.txt: not a replay file ...; b.json:
    // line 3: ...)". published < 0 (nothing sent yet): "120 events to publish"; fewer than were
    // loaded (stopped early, refused): "100 of 120 events published".
    QString text(qint64 published = -1) const;
};

} // namespace hookscope

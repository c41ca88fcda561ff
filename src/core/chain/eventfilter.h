#pragma once

#include "core/config/endpointconfig.h"
#include "core/model/eventrecord.h"

#include <QSet>
#include <QString>

namespace hookscope {

// The registry's ignoredSink: an event is dropped when its target media type OR its action is in
// the ignore lists (exact, case-sensitive). Unlike registry 2.8.2, an actions-only filter works
// (the 2.8.2 bug is fixed upstream in v3.1.0; see issues #2916/#4729).
class EventFilter
{
public:
    EventFilter() = default;
    explicit EventFilter(const EndpointConfig &config);

    bool isEmpty() const { return m_mediaTypes.isEmpty() && m_actions.isEmpty(); }
    bool drops(const EventRecord &event) const;
    // Splits a block: returns the kept events in order and adds the dropped count to *dropped.
    EventBlock apply(const EventBlock &block, qint64 *dropped) const;

private:
    QSet<QString> m_mediaTypes;
    QSet<QString> m_actions;
};

} // namespace hookscope

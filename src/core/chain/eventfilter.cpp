#include "core/chain/eventfilter.h"

namespace hookscope {

EventFilter::EventFilter(const EndpointConfig &config)
{
    for (const QString &mediaType : config.allIgnoredMediaTypes())
        m_mediaTypes.insert(mediaType);
    for (const QString &action : config.ignoreActions)
        m_actions.insert(action);
}

bool EventFilter::drops(const EventRecord &event) const
{
    return m_mediaTypes.contains(event.mediaType())
        || m_actions.contains(event.action());
}

EventBlock EventFilter::apply(const EventBlock &block, qint64 *dropped) const
{
    if (isEmpty())
        return block;
    EventBlock kept;
    kept.reserve(block.size());
    for (const EventPtr &event : block) {
        if (drops(*event)) {
            if (dropped)
                ++*dropped;
        } else {
            kept.push_back(event);
        }
    }
    return kept;
}

} // namespace hookscope

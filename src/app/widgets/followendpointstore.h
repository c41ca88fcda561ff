#pragma once

#include <QString>

#include <memory>

namespace hookscope {

// The attempts and dead-letters panels each show one store of the selected endpoint and are handed
// every snapshot. Another endpoint, or another store for the same one (an edit rebuilt it), means
// the model reloads from scratch; the same store only needs the model to pick up what changed,
// which is cheap when nothing did. `shownEndpoint` is the panel's record of what it shows.
// A template: the two models hold different stores but answer store(), setStore() and refresh()
// alike.
template<class Model, class Store>
void followEndpointStore(QString &shownEndpoint, Model &model, const QString &endpoint,
                         const std::shared_ptr<Store> &store)
{
    if (endpoint != shownEndpoint || store != model.store()) {
        shownEndpoint = endpoint;
        model.setStore(store);
        return;
    }
    model.refresh();
}

} // namespace hookscope

#pragma once

#include "core/engine/endpointsnapshot.h"
#include "testing/testendpointstats.h"

#include <QByteArray>

namespace hookscope {

// Renders /debug/vars in the registry's expvar layout (spec 3.2), so tools written against a
// registry's debug page read hookscope too. A pure function of the snapshot.
//
// Layout: {"hookscope": {...}, "registry": {"notifications": {"endpoints": [...] | null}}}.
// Per endpoint, Go's field order: name, url, Headers, Timeout, Threshold, Backoff,
// IgnoredMediaTypes, Ignore {MediaTypes, Actions}, Metrics {Pending, Events, Successes, Failures,
// Errors, Statuses}. Durations in integer nanoseconds, empty lists and maps as null (as Go's nil),
// Statuses as {} when empty (the registry makes that map up front). Unlike the registry, header
// values are masked. Disabled endpoints are left out, as the registry never creates them; the
// "hookscope" key lists them with the extra fields (state, last error, latency, dead letters...).
// With built-in test endpoints running, "hookscope" also has "testEndpoints": one object per test
// endpoint (TestEndpointStats::toJson: behaviour, requests, statuses and the receiver checks
// envelopes, events, uniqueIds, duplicates, outOfOrder, sent, lost...). Without any, the key is
// left out, so a plain dispatcher's page does not change.
class ExpvarWriter
{
public:
    static QByteArray document(const EngineSnapshot &snapshot,
                               const QList<TestEndpointStats> &testEndpoints = {});
    // The value of registry.notifications.endpoints: an array, or null when there is none.
    static QByteArray registryEndpoints(const EngineSnapshot &snapshot);
    static QByteArray registryEndpoint(const EndpointSnapshot &endpoint);
    static QByteArray hookscopeSection(const EngineSnapshot &snapshot,
                                       const QList<TestEndpointStats> &testEndpoints = {});
    static QByteArray testEndpointsJson(const QList<TestEndpointStats> &testEndpoints);
};

} // namespace hookscope

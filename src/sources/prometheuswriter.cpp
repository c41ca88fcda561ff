#include "sources/prometheuswriter.h"

#include "core/config/secretmask.h"

#include <cmath>

namespace hookscope {

namespace {

// One metric family: HELP and TYPE once, then its samples.
class Family
{
public:
    Family(QByteArray *out, const QByteArray &name, const char *type, const char *help)
        : m_out(out)
        , m_name(name)
    {
        *m_out += "# HELP " + name + ' ' + help + '\n';
        *m_out += "# TYPE " + name + ' ' + type + '\n';
    }
    void add(const PrometheusWriter::Labels &labels, double value)
    {
        *m_out += PrometheusWriter::sample(m_name, labels, value);
    }

private:
    QByteArray *m_out;
    QByteArray m_name;
};

QList<const EndpointSnapshot *> enabledEndpoints(const EngineSnapshot &snapshot)
{
    QList<const EndpointSnapshot *> endpoints;
    for (const EndpointSnapshot &endpoint : snapshot.endpoints) {
        if (!endpoint.config.disabled)
            endpoints.append(&endpoint);
    }
    return endpoints;
}

void writeRegistryFamilies(QByteArray *out, const QList<const EndpointSnapshot *> &endpoints)
{
    // Help texts as registry v3 declares them (notifications/metrics.go).
    Family events(out, "registry_notifications_events_total", "counter", "The number of total events");
    for (const EndpointSnapshot *e : endpoints) {
        const QString &name = e->config.name;
        events.add({{"endpoint", name}, {"type", QStringLiteral("Events")}}, double(e->metrics.events));
        events.add({{"endpoint", name}, {"type", QStringLiteral("Successes")}}, double(e->metrics.successes));
        events.add({{"endpoint", name}, {"type", QStringLiteral("Failures")}}, double(e->metrics.failures));
        events.add({{"endpoint", name}, {"type", QStringLiteral("Errors")}}, double(e->metrics.errors));
    }
    Family pending(out, "registry_notifications_pending_total", "gauge", "The gauge of pending events in queue");
    for (const EndpointSnapshot *e : endpoints)
        pending.add({{"endpoint", e->config.name}}, double(e->metrics.pending));
    Family statuses(out, "registry_notifications_status_total", "counter", "The number of status code");
    for (const EndpointSnapshot *e : endpoints) {
        for (auto it = e->metrics.statuses.cbegin(); it != e->metrics.statuses.cend(); ++it)
            statuses.add({{"code", it.key()}, {"endpoint", e->config.name}}, double(it.value()));
    }
}

void writeEndpointFamilies(QByteArray *out, const QList<const EndpointSnapshot *> &endpoints)
{
    static const EndpointState states[] = {EndpointState::Idle, EndpointState::Sending,
                                           EndpointState::BackingOff, EndpointState::Paused,
                                           EndpointState::Closed};
    Family state(out, "hookscope_endpoint_state", "gauge",
                 "1 for the state the endpoint is in, 0 for the others");
    for (const EndpointSnapshot *e : endpoints) {
        for (EndpointState s : states)
            state.add({{"endpoint", e->config.name}, {"state", endpointStateName(s)}}, e->state == s ? 1 : 0);
    }
    Family failures(out, "hookscope_endpoint_consecutive_failures", "gauge",
                    "Attempts without a success in a row (failures and errors)");
    for (const EndpointSnapshot *e : endpoints)
        failures.add({{"endpoint", e->config.name}}, e->consecutiveFailures);
    Family headAttempts(out, "hookscope_endpoint_head_attempts", "gauge",
                        "Attempts made for the event at the head of the queue");
    for (const EndpointSnapshot *e : endpoints)
        headAttempts.add({{"endpoint", e->config.name}}, e->headAttempts);
    Family age(out, "hookscope_endpoint_oldest_pending_age_seconds", "gauge",
               "Age of the oldest queued event, 0 when the queue is empty");
    for (const EndpointSnapshot *e : endpoints)
        age.add({{"endpoint", e->config.name}}, double(e->oldestPendingAgeMs) / 1000.0);
    Family dead(out, "hookscope_endpoint_dead_letters", "gauge",
                "Events given up on (max attempts or max age) and held for replay");
    for (const EndpointSnapshot *e : endpoints)
        dead.add({{"endpoint", e->config.name}}, double(e->deadLetters));
    Family dropped(out, "hookscope_endpoint_filtered_total", "counter",
                   "Events not queued because of the endpoint's ignore rules");
    for (const EndpointSnapshot *e : endpoints)
        dropped.add({{"endpoint", e->config.name}}, double(e->droppedByFilter));
    Family errors(out, "hookscope_endpoint_errors_total", "counter",
                  "Attempts without an HTTP response, by cause");
    for (const EndpointSnapshot *e : endpoints) {
        for (auto it = e->errorClasses.cbegin(); it != e->errorClasses.cend(); ++it)
            errors.add({{"class", it.key()}, {"endpoint", e->config.name}}, double(it.value()));
    }
    // Quantiles we already computed, not a Prometheus summary (there is no _sum/_count to offer).
    Family latency(out, "hookscope_endpoint_latency_seconds", "gauge",
                   "Delivery attempt latency quantiles over recent attempts");
    for (const EndpointSnapshot *e : endpoints) {
        latency.add({{"endpoint", e->config.name}, {"quantile", QStringLiteral("0.5")}}, e->latencyP50Ms / 1000.0);
        latency.add({{"endpoint", e->config.name}, {"quantile", QStringLiteral("0.95")}}, e->latencyP95Ms / 1000.0);
        latency.add({{"endpoint", e->config.name}, {"quantile", QStringLiteral("0.99")}}, e->latencyP99Ms / 1000.0);
    }
    Family rate(out, "hookscope_endpoint_delivered_per_second", "gauge",
                "Events delivered per second over the last 10 seconds");
    for (const EndpointSnapshot *e : endpoints)
        rate.add({{"endpoint", e->config.name}}, e->deliveredPerSecond);
}

void writeIngestFamilies(QByteArray *out, const EngineSnapshot &snapshot)
{
    const IngestStats &in = snapshot.ingest;
    // Each a family of one unlabelled sample.
    const struct
    {
        const char *name;
        const char *help;
        qint64 value;
    } counters[] = {
        {"hookscope_events_in_total", "Events handed to the broadcaster, from every source", snapshot.eventsIn},
        {"hookscope_ingest_requests_total", "Requests to the ingest endpoint", in.requests},
        {"hookscope_ingest_envelopes_accepted_total", "Envelopes answered 200 by the ingest endpoint", in.accepted},
        {"hookscope_ingest_events_accepted_total", "Events accepted by the ingest endpoint", in.eventsAccepted},
        {"hookscope_ingest_rejected_total", "Ingest requests answered with a 4xx", in.rejected},
        {"hookscope_ingest_timeouts_total", "Ingest requests that did not arrive in time (408)", in.timedOut},
    };
    for (const auto &counter : counters)
        Family(out, counter.name, "counter", counter.help).add({}, double(counter.value));
    // Only in durable mode: without a journal there is nothing that could be down, and a constant 1
    // would claim a durability the process does not have.
    if (!snapshot.journalPath.isEmpty()) {
        Family(out, "hookscope_journal_up", "gauge",
               "1 while the journal writes, 0 while writes fail and ingest answers 503 (durable mode only)")
            .add({{"path", snapshot.journalPath}}, snapshot.journalWritable ? 1.0 : 0.0);
    }
}

} // namespace

QByteArray PrometheusWriter::escapeLabelValue(const QString &value)
{
    QByteArray escaped;
    const QByteArray utf8 = value.toUtf8();
    escaped.reserve(utf8.size());
    for (const char c : utf8) {
        if (c == '\\')
            escaped += "\\\\";
        else if (c == '"')
            escaped += "\\\"";
        else if (c == '\n')
            escaped += "\\n";
        else
            escaped += c;
    }
    return escaped;
}

QByteArray PrometheusWriter::formatValue(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("NaN");
    if (std::isinf(value))
        return value > 0 ? QByteArrayLiteral("+Inf") : QByteArrayLiteral("-Inf");
    // Integral values (every counter) print without a fraction or exponent up to 2^53.
    if (value == std::floor(value) && std::fabs(value) < 9007199254740992.0)
        return QByteArray::number(qint64(value));
    return QByteArray::number(value, 'g', 15);
}

QByteArray PrometheusWriter::sample(const QByteArray &name, const Labels &labels, double value)
{
    QByteArray line = name;
    if (!labels.isEmpty()) {
        line += '{';
        for (qsizetype i = 0; i < labels.size(); ++i) {
            if (i > 0)
                line += ',';
            // Endpoint names are free text and are sometimes the endpoint's URL, token and all;
            // scrapers store labels for months, so any URL in a label value is masked.
            line += labels.at(i).first + "=\"" + escapeLabelValue(maskUrlsInText(labels.at(i).second)) + '"';
        }
        line += '}';
    }
    return line + ' ' + formatValue(value) + '\n';
}

QByteArray PrometheusWriter::write(const EngineSnapshot &snapshot)
{
    QByteArray out;
    const QList<const EndpointSnapshot *> endpoints = enabledEndpoints(snapshot);
    writeRegistryFamilies(&out, endpoints);
    writeEndpointFamilies(&out, endpoints);
    writeIngestFamilies(&out, snapshot);
    return out;
}

} // namespace hookscope

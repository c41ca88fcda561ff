#pragma once

#include <QString>
#include <QStringList>

namespace hookscope {

// Field checks behind EndpointEditorDialog, kept free of widgets so they can be tested headless and
// reused (e.g. by a table that edits in place). Parsing is delegated to core (parseGoDuration);
// these only decide how the editor judges what the user typed.
struct FieldCheck
{
    enum Severity { Ok, Warning, Error };
    Severity severity = Ok;
    QString message;

    bool isError() const { return severity == Error; }
    // Several findings under one field: errors win, messages are joined line by line.
    void add(Severity s, const QString &text);
};

struct DurationCheck : FieldCheck
{
    qint64 ns = 0; // effective value (the default when empty or, where allowed, non-positive)
};

// How a duration field treats empty, zero and negative input.
struct DurationRules
{
    qint64 defaultNs = 0;         // empty input means this
    bool zeroMeansDefault = true; // registry timeout/backoff and retry base/factor/max
    bool negativeIsError = false; // hookscope's retry keys refuse them; the registry defaults
    qint64 warnBelowNs = 0;       // a warning under this (timeout: 10ms); 0 = none
};

// A Go duration ("500ms", "1m30s"); a bare integer is accepted the way the registry reads it
// (nanoseconds) with a warning, since that is almost always a slip (Portus#1068).
DurationCheck checkDuration(const QString &text, const DurationRules &rules);

// A whole number in [minimum, maximum]; empty means `defaultValue`.
struct CountCheck : FieldCheck
{
    int value = 0;
};
CountCheck checkCount(const QString &text, int defaultValue, int minimum, int maximum,
                      const QString &belowMinimumMessage);

// Endpoint name: required, unique among `existing` (already stripped of the edited endpoint's own
// name by the caller).
FieldCheck checkEndpointName(const QString &name, const QStringList &existing);

// URL: absolute http or https with a host, as the loader requires.
FieldCheck checkEndpointUrl(const QString &url);

// One header row. A value without a name is an error; a name that is no HTTP token (RFC 7230) makes
// Go's client refuse every request, so it is an error too; CR/LF in a value likewise.
FieldCheck checkHeaderRow(const QString &name, const QString &value);

} // namespace hookscope

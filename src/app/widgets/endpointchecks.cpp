#include "app/widgets/endpointchecks.h"

#include "core/config/goduration.h"
#include "core/config/secretmask.h"

#include <QRegularExpression>
#include <QUrl>

namespace hookscope {

void FieldCheck::add(Severity s, const QString &text)
{
    if (s == Ok || text.isEmpty())
        return;
    severity = qMax(severity, s);
    message = message.isEmpty() ? text : QString(message + QLatin1Char('\n') + text);
}

DurationCheck checkDuration(const QString &text, const DurationRules &rules)
{
    DurationCheck check;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        check.ns = rules.defaultNs;
        return check;
    }
    // yaml.v2 hands a bare integer to time.Duration as nanoseconds; mirror that, loudly.
    static const QRegularExpression bareInteger(QStringLiteral("^[+-]?[0-9]+$"));
    qint64 ns = 0;
    if (bareInteger.match(trimmed).hasMatch() && trimmed != QLatin1String("0")) {
        bool ok = false;
        ns = trimmed.toLongLong(&ok);
        if (!ok) {
            check.add(FieldCheck::Error, QStringLiteral("%1 is out of range").arg(trimmed));
            return check;
        }
        check.add(FieldCheck::Warning,
                  QStringLiteral("No unit: the registry reads %1 as %2 (a bare number is "
                                 "nanoseconds, Portus#1068). Write e.g. %1ms or %1s.")
                      .arg(trimmed, formatGoDuration(ns)));
    } else {
        QString why;
        const std::optional<qint64> parsed = parseGoDuration(trimmed, &why);
        if (!parsed) {
            check.add(FieldCheck::Error, why);
            return check;
        }
        ns = *parsed;
    }
    if (ns < 0 && rules.negativeIsError) {
        check.add(FieldCheck::Error, QStringLiteral("Must not be negative."));
        return check;
    }
    if (ns <= 0 && rules.zeroMeansDefault) {
        if (ns < 0) {
            check.add(FieldCheck::Warning,
                      QStringLiteral("Negative: the registry uses its default %1 instead.")
                          .arg(formatGoDuration(rules.defaultNs)));
        }
        ns = rules.defaultNs;
    } else if (ns < 0) {
        check.add(FieldCheck::Error, QStringLiteral("Must not be negative."));
        return check;
    }
    if (rules.warnBelowNs > 0 && ns < rules.warnBelowNs) {
        check.add(FieldCheck::Warning,
                  QStringLiteral("%1 is under %2: almost every delivery will time out.")
                      .arg(formatGoDuration(ns), formatGoDuration(rules.warnBelowNs)));
    }
    check.ns = ns;
    return check;
}

CountCheck checkCount(const QString &text, int defaultValue, int minimum, int maximum,
                      const QString &belowMinimumMessage)
{
    CountCheck check;
    const QString trimmed = text.trimmed();
    if (trimmed.isEmpty()) {
        check.value = defaultValue;
        return check;
    }
    bool ok = false;
    const qlonglong value = trimmed.toLongLong(&ok);
    if (!ok) {
        check.add(FieldCheck::Error,
                  QStringLiteral("\"%1\" is not a whole number.").arg(trimmed));
        return check;
    }
    if (value < minimum) {
        check.add(FieldCheck::Error, belowMinimumMessage);
        return check;
    }
    if (value > maximum) {
        check.add(FieldCheck::Error, QStringLiteral("At most %1.").arg(maximum));
        return check;
    }
    check.value = int(value);
    return check;
}

FieldCheck checkEndpointName(const QString &name, const QStringList &existing)
{
    FieldCheck check;
    if (name.trimmed().isEmpty()) {
        check.add(FieldCheck::Error,
                  QStringLiteral("A name is required: metrics and logs label the endpoint by it."));
    } else if (existing.contains(name)) {
        check.add(FieldCheck::Error,
                  QStringLiteral("Another endpoint is already called \"%1\".").arg(name));
    } else if (name != name.trimmed()) {
        check.add(FieldCheck::Warning,
                  QStringLiteral("Leading or trailing spaces are part of the name."));
    }
    return check;
}

FieldCheck checkEndpointUrl(const QString &url)
{
    FieldCheck check;
    if (url.isEmpty()) {
        check.add(FieldCheck::Error, QStringLiteral("A URL is required."));
        return check;
    }
    if (url != url.trimmed()) {
        check.add(FieldCheck::Error, QStringLiteral("The URL has leading or trailing spaces."));
        return check;
    }
    const QUrl parsed(url, QUrl::StrictMode);
    if (!parsed.isValid()) {
        check.add(FieldCheck::Error,
                  // QUrl's error goes on to quote the URL's parts ("; source was ...; userinfo = ...,
                  // query = ..."), password and token included: only the reason is shown.
                  QStringLiteral("Not a valid URL: %1")
                      .arg(maskUrlsInText(parsed.errorString().section(QStringLiteral("; source was"), 0, 0))));
        return check;
    }
    const QString scheme = parsed.scheme().toLower();
    if (parsed.isRelative()
        || (scheme != QLatin1String("http") && scheme != QLatin1String("https"))) {
        check.add(FieldCheck::Error,
                  QStringLiteral("Must be an absolute http:// or https:// URL."));
        return check;
    }
    if (parsed.host().isEmpty())
        check.add(FieldCheck::Error, QStringLiteral("The URL has no host."));
    return check;
}

FieldCheck checkHeaderRow(const QString &name, const QString &value)
{
    FieldCheck check;
    if (name.isEmpty()) {
        if (!value.isEmpty())
            check.add(FieldCheck::Error, QStringLiteral("A header value has no header name."));
        return check;
    }
    // RFC 7230 token characters: what Go's net/http accepts as a field name.
    static const QRegularExpression token(QStringLiteral("^[!#$%&'*+.^_`|~0-9A-Za-z-]+$"));
    if (!token.match(name).hasMatch()) {
        check.add(FieldCheck::Error,
                  QStringLiteral("\"%1\" is not a valid header name (letters, digits and "
                                 "!#$%&'*+-.^_`|~ only).")
                      .arg(name));
    }
    if (value.contains(QLatin1Char('\r')) || value.contains(QLatin1Char('\n'))) {
        check.add(FieldCheck::Error,
                  QStringLiteral("The value of \"%1\" contains a line break.").arg(name));
    }
    if (value.isEmpty()) {
        check.add(FieldCheck::Warning,
                  QStringLiteral("\"%1\" has no value: the row is not sent.").arg(name));
    }
    return check;
}

} // namespace hookscope

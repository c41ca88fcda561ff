// Prints hookscope's reading of config files in the JSON shape oracle.go prints, one line per file.
// Built by run.sh against build/src/core/libhookscope_core.a; not part of the CMake build.

#include "core/config/configloader.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTextStream>

using namespace hookscope;

namespace {
QJsonValue list(const QStringList &values)
{
    return values.isEmpty() ? QJsonValue() : QJsonValue(QJsonArray::fromStringList(values));
}

QJsonObject endpointJson(const EndpointConfig &e)
{
    QJsonArray headers;
    for (const auto &header : e.headers) {
        headers.append(QJsonObject{{QStringLiteral("name"), header.first},
                                   {QStringLiteral("values"), list(header.second)}});
    }
    return QJsonObject{
        {QStringLiteral("name"), e.name},
        {QStringLiteral("disabled"), e.disabled},
        {QStringLiteral("url"), e.url},
        {QStringLiteral("headers"), headers.isEmpty() ? QJsonValue() : QJsonValue(headers)},
        // Strings: JSON doubles cannot hold every int64.
        {QStringLiteral("timeoutNs"), QString::number(e.timeoutNs)},
        {QStringLiteral("threshold"), e.threshold},
        {QStringLiteral("backoffNs"), QString::number(e.backoffNs)},
        {QStringLiteral("ignoredmediatypes"), list(e.ignoredMediaTypes)},
        {QStringLiteral("ignoreMediaTypes"), list(e.ignoreMediaTypes)},
        {QStringLiteral("ignoreActions"), list(e.ignoreActions)},
    };
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    for (const QString &path : app.arguments().mid(1)) {
        const ConfigLoadResult result
            = ConfigLoader::loadFile(path, QProcessEnvironment::systemEnvironment());
        QJsonObject json;
        if (!result.ok()) {
            json.insert(QStringLiteral("error"), result.errors.first().toString());
        } else {
            QJsonArray endpoints;
            for (const EndpointConfig &e : result.config.endpoints)
                endpoints.append(endpointJson(e));
            json.insert(QStringLiteral("includereferences"), result.config.includeReferences);
            json.insert(QStringLiteral("endpoints"), endpoints);
        }
        out << QJsonDocument(json).toJson(QJsonDocument::Compact) << '\n';
    }
    return 0;
}

#include "fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonObject>

namespace hookscope::fixtures {

QString directory()
{
    // Set on the support library by tests/CMakeLists.txt; the environment may point elsewhere.
    const QString fromEnvironment = qEnvironmentVariable("HOOKSCOPE_FIXTURES_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(HOOKSCOPE_FIXTURES_DIR) : fromEnvironment;
}

QString path(const QString &relativePath)
{
    return QDir(directory()).filePath(relativePath);
}

bool exists(const QString &relativePath)
{
    return QFile::exists(path(relativePath));
}

QStringList list(const QString &subFolder, const QStringList &nameFilters)
{
    const QDir dir(subFolder.isEmpty() ? directory() : path(subFolder));
    return dir.entryList(nameFilters, QDir::Files, QDir::Name);
}

QByteArray read(const QString &relativePath)
{
    QFile file(path(relativePath));
    if (!file.open(QIODevice::ReadOnly)) {
        qWarning("fixture %s: %s", qPrintable(file.fileName()), qPrintable(file.errorString()));
        return QByteArray();
    }
    return file.readAll();
}

QJsonDocument readJson(const QString &relativePath)
{
    return QJsonDocument::fromJson(read(relativePath));
}

QStringList envelopeFiles()
{
    QStringList files;
    for (const QString &folder : {QStringLiteral("events"), QStringLiteral("events-default-config")}) {
        for (const QString &name : list(folder, {QStringLiteral("*.json")}))
            files.append(folder + QLatin1Char('/') + name);
    }
    return files;
}

QJsonArray envelopeEvents(const QString &relativePath)
{
    return readJson(relativePath).object().value(QStringLiteral("events")).toArray();
}

QByteArray registryRequest(const QByteArray &body, const QString &headersFile)
{
    QByteArray request;
    const QList<QByteArray> lines = read(headersFile).split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty())
            continue;
        if (line.toLower().startsWith("content-length:"))
            line = "Content-Length: " + QByteArray::number(body.size());
        request += line + "\r\n";
    }
    return request + "\r\n" + body;
}

namespace {

QStringList stringsOf(const QJsonValue &value)
{
    QStringList strings;
    for (const QJsonValue &item : value.toArray())
        strings.append(item.toString());
    return strings;
}

} // namespace

EngineSnapshot snapshotFromExpvar(const QJsonArray &endpoints)
{
    EngineSnapshot snapshot;
    for (const QJsonValue &value : endpoints) {
        const QJsonObject object = value.toObject();
        EndpointSnapshot endpoint;
        EndpointConfig &config = endpoint.config;
        config.name = object.value(QStringLiteral("name")).toString();
        config.url = object.value(QStringLiteral("url")).toString();
        const QJsonObject headers = object.value(QStringLiteral("Headers")).toObject();
        for (auto it = headers.begin(); it != headers.end(); ++it)
            config.headers.append({it.key(), stringsOf(it.value())});
        config.timeoutNs = object.value(QStringLiteral("Timeout")).toInteger();
        config.threshold = object.value(QStringLiteral("Threshold")).toInt();
        config.backoffNs = object.value(QStringLiteral("Backoff")).toInteger();
        config.ignoredMediaTypes = stringsOf(object.value(QStringLiteral("IgnoredMediaTypes")));
        const QJsonObject ignore = object.value(QStringLiteral("Ignore")).toObject();
        config.ignoreMediaTypes = stringsOf(ignore.value(QStringLiteral("MediaTypes")));
        config.ignoreActions = stringsOf(ignore.value(QStringLiteral("Actions")));
        const QJsonObject metrics = object.value(QStringLiteral("Metrics")).toObject();
        endpoint.metrics.pending = metrics.value(QStringLiteral("Pending")).toInteger();
        endpoint.metrics.events = metrics.value(QStringLiteral("Events")).toInteger();
        endpoint.metrics.successes = metrics.value(QStringLiteral("Successes")).toInteger();
        endpoint.metrics.failures = metrics.value(QStringLiteral("Failures")).toInteger();
        endpoint.metrics.errors = metrics.value(QStringLiteral("Errors")).toInteger();
        const QJsonObject statuses = metrics.value(QStringLiteral("Statuses")).toObject();
        for (auto it = statuses.begin(); it != statuses.end(); ++it)
            endpoint.metrics.statuses.insert(it.key(), it.value().toInteger());
        snapshot.endpoints.append(endpoint);
    }
    return snapshot;
}

QJsonArray expvarEndpoints(const QJsonDocument &document)
{
    QJsonObject root = document.object();
    if (root.contains(QStringLiteral("registry")))
        root = root.value(QStringLiteral("registry")).toObject().value(QStringLiteral("notifications")).toObject();
    return root.value(QStringLiteral("endpoints")).toArray();
}

} // namespace hookscope::fixtures

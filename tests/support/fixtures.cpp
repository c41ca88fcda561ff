#include "fixtures.h"

#include <QDir>
#include <QFile>

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

} // namespace hookscope::fixtures

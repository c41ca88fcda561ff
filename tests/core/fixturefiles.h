#pragma once
// Helpers shared by the core tests for the registry 2.8.2 fixtures (HOOKSCOPE_FIXTURES_DIR).

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace hookscope::testing {

// Every envelope the registry POSTed, as "events/001-push-blob.json"-style relative paths.
inline QStringList fixtureEnvelopeFiles()
{
    QStringList files;
    const QDir root(QStringLiteral(HOOKSCOPE_FIXTURES_DIR));
    const QStringList folders = {QStringLiteral("events"), QStringLiteral("events-default-config")};
    for (const QString &folder : folders) {
        const QDir dir(root.filePath(folder));
        const QStringList names = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &name : names)
            files.append(folder + QLatin1Char('/') + name);
    }
    return files;
}

inline QByteArray readFixture(const QString &relativePath)
{
    QFile file(QDir(QStringLiteral(HOOKSCOPE_FIXTURES_DIR)).filePath(relativePath));
    if (!file.open(QIODevice::ReadOnly))
        return QByteArray();
    return file.readAll();
}

// The event objects of one fixture envelope.
inline QJsonArray fixtureEvents(const QString &relativePath)
{
    const QJsonDocument doc = QJsonDocument::fromJson(readFixture(relativePath));
    return doc.object().value(QStringLiteral("events")).toArray();
}

} // namespace hookscope::testing

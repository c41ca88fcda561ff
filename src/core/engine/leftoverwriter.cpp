#include "core/engine/leftoverwriter.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>

namespace hookscope {

namespace {

// A JSON string literal with QJsonDocument's escaping; QJsonDocument writes no bare values, so
// the string goes into a one-element array whose brackets are cut off.
QByteArray jsonString(const QString &text)
{
    const QByteArray array = QJsonDocument(QJsonArray{text}).toJson(QJsonDocument::Compact);
    return array.mid(1, array.size() - 2);
}

} // namespace

QString LeftoverWriter::defaultPath(const QDateTime &now)
{
    QString state = qEnvironmentVariable("XDG_STATE_HOME");
    // The XDG spec: a relative value is invalid and must be ignored.
    if (state.isEmpty() || QDir::isRelativePath(state))
        state = QDir::homePath() + QStringLiteral("/.local/state");
    return QStringLiteral("%1/hookscope/leftovers-%2.ndjson")
        .arg(state, now.toString(QStringLiteral("yyyyMMdd-HHmmss")));
}

QByteArray LeftoverWriter::line(const Leftover &leftover)
{
    const DeadLetter &l = leftover.letter;
    QByteArray out;
    out.reserve(160);
    out += "{\"endpoint\":" + jsonString(leftover.endpoint);
    out += ",\"id\":" + jsonString(l.event ? QString::fromUtf8(l.event->id()) : QString());
    out += ",\"reason\":" + jsonString(deadLetterReasonName(l.reason));
    out += ",\"attempts\":" + QByteArray::number(l.attempts);
    out += ",\"lastError\":" + jsonString(l.lastError);
    out += ",\"at\":" + jsonString(l.at.toUTC().toString(Qt::ISODateWithMs));
    out += ",\"event\":";
    if (l.event)
        l.event->appendCompactJson(out);
    else
        out += "null";
    out += '}';
    return out;
}

bool LeftoverWriter::write(const QString &path, const QVector<Leftover> &leftovers, QString *error)
{
    // A folder that cannot be made shows up as the open's error below ("No such file or directory").
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    const auto fail = [&] {
        if (error)
            *error = QStringLiteral("cannot write leftovers to %1: %2").arg(path, file.errorString());
        file.cancelWriting();
        return false;
    };
    if (!file.open(QIODevice::WriteOnly))
        return fail();
    QByteArray chunk;
    for (const Leftover &leftover : leftovers) {
        chunk += line(leftover);
        chunk += '\n';
        if (chunk.size() >= 1 << 20) {   // a million leftovers are written in pieces, not held twice
            if (file.write(chunk) != chunk.size())
                return fail();
            chunk.clear();
        }
    }
    if ((!chunk.isEmpty() && file.write(chunk) != chunk.size()) || !file.commit())
        return fail();
    return true;
}

QStringList LeftoverWriter::idListing(const QVector<Leftover> &leftovers)
{
    QStringList lines;
    QString current;
    QStringList ids;
    const auto flush = [&] {
        if (!ids.isEmpty())
            lines << QStringLiteral("endpoint %1: %2").arg(current, ids.join(QLatin1Char(' ')));
        ids.clear();
    };
    for (const Leftover &leftover : leftovers) {
        if (leftover.endpoint != current) {
            flush();
            current = leftover.endpoint;
        }
        ids << (leftover.letter.event ? QString::fromUtf8(leftover.letter.event->id()) : QStringLiteral("?"));
    }
    flush();
    return lines;
}

QString LeftoverWriter::writtenNote(qsizetype left, const QVector<Leftover> &leftovers, const QString &path)
{
    const qsizetype earlier = leftovers.size() - left;
    if (earlier <= 0)
        return QStringLiteral("%1 event(s) left undelivered, written to %2").arg(left).arg(path);
    if (left == 0)
        return QStringLiteral("every queue drained; %1 dead letter(s) not replayed, written to %2")
            .arg(earlier)
            .arg(path);
    return QStringLiteral("%1 event(s) left undelivered and %2 earlier dead letter(s), written to %3")
        .arg(left)
        .arg(earlier)
        .arg(path);
}

} // namespace hookscope

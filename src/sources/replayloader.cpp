#include "sources/replayloader.h"

#include "core/model/envelope.h"
#include "core/model/eventvalidator.h"
#include "core/model/jsontext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace hookscope {

namespace {

// Replay files can be big captures; a limit keeps a wrong path (a disk image) from eating memory.
constexpr qint64 MaxFileBytes = 512LL * 1024 * 1024;

const QStringList FolderPatterns = {QStringLiteral("*.json"), QStringLiteral("*.ndjson"),
                                    QStringLiteral("*.jsonl"), QStringLiteral("*.http")};

int lineAt(const QByteArray &data, qsizetype offset)
{
    return int(data.left(qMax<qsizetype>(0, offset)).count('\n')) + 1;
}

ReplayFile failure(const QString &name, int line, const QString &error)
{
    ReplayFile file;
    file.path = name;
    file.line = line;
    file.error = error;
    return file;
}

// A capture may start with the HTTP request ("POST /events HTTP/1.1", headers, blank line): the
// body starts after it. Returns the body's offset (0 when there is no request head).
qsizetype bodyOffset(const QByteArray &data)
{
    const qsizetype firstLine = data.indexOf('\n');
    const QByteArray requestLine = data.left(firstLine < 0 ? data.size() : firstLine).trimmed();
    if (!requestLine.startsWith("POST ") || !requestLine.contains(" HTTP/"))
        return 0;
    for (const QByteArray &separator : {QByteArray("\r\n\r\n"), QByteArray("\n\n")}) {
        const qsizetype end = data.indexOf(separator);
        if (end >= 0)
            return end + separator.size();
    }
    return data.size();
}

// Validates each event of a parsed block; the first problem, with the event's index.
QString eventProblem(const EventBlock &events, int *index)
{
    for (int i = 0; i < int(events.size()); ++i) {
        const QJsonObject object = QJsonDocument::fromJson(events.at(size_t(i))->compactJson()).object();
        const QList<EventProblem> problems = EventValidator::check(object);
        if (!problems.isEmpty()) {
            *index = i;
            return EventValidator::describe(problems);
        }
    }
    return QString();
}

qint64 timestampOf(const EventBlock &events)
{
    if (events.empty())
        return 0;
    const QJsonObject object = QJsonDocument::fromJson(events.front()->compactJson()).object();
    return EventValidator::parseTimestampNs(object.value(QStringLiteral("timestamp")).toString()).value_or(0);
}

ReplayFile parseFixture(const QByteArray &data, const QString &name)
{
    const qsizetype start = bodyOffset(data);
    const QByteArray body = data.mid(start);
    QJsonParseError jsonError;
    QJsonDocument::fromJson(body, &jsonError);
    if (jsonError.error != QJsonParseError::NoError) {
        return failure(name, lineAt(data, start + jsonError.offset),
                       QStringLiteral("not JSON: ") + jsonError.errorString());
    }
    // A file holding one event (no envelope) replays as a one-event envelope.
    if (!QJsonDocument::fromJson(body).object().contains(QStringLiteral("events"))) {
        QString why;
        EventPtr record = EventRecord::fromJson(body, &why);
        if (!record)
            return failure(name, lineAt(data, start), QStringLiteral("expected an envelope ({\"events\": [...]}) or one event: ") + why);
        const EventBlock events{record};
        int bad = 0;
        const QString problem = eventProblem(events, &bad);
        if (!problem.isEmpty())
            return failure(name, lineAt(data, start), problem);
        ReplayFile file;
        file.path = name;
        file.envelopes.append({events, timestampOf(events), QStringLiteral("%1:%2").arg(name).arg(lineAt(data, start))});
        return file;
    }
    const Envelope::ParseResult parsed = Envelope::parse(body);
    if (!parsed.ok())
        return failure(name, lineAt(data, start), QStringLiteral("not an envelope ({\"events\": [...]}): ") + parsed.error);
    if (parsed.events.empty())
        return failure(name, lineAt(data, start), QStringLiteral("the envelope has no events"));
    int bad = 0;
    const QString problem = eventProblem(parsed.events, &bad);
    if (!problem.isEmpty()) {
        // Point at the event itself: its span in the original text gives the line.
        int line = lineAt(data, start);
        if (const auto spans = JsonText::topLevelArrayItems(body, "events"); spans && int(spans->size()) > bad)
            line = lineAt(data, start + (spans->at(size_t(bad)).data() - body.constData()));
        return failure(name, line, QStringLiteral("events[%1]: %2").arg(bad).arg(problem));
    }
    ReplayFile file;
    file.path = name;
    file.envelopes.append({parsed.events, timestampOf(parsed.events),
                           QStringLiteral("%1:%2").arg(name).arg(lineAt(data, start))});
    return file;
}

// A line of a leftovers file (LeftoverWriter: {"endpoint": ..., "event": {...}}) carries the
// event under "event", as accepted: its bytes are cut out of the line, not re-serialised. The
// writer puts "event" after the other fields; inside their strings a quote is escaped, so the
// first `,"event":` is the key itself. A line some tool rewrote (keys reordered) still replays,
// from the parsed value. False when the line is an event or an envelope instead (every registry
// event has an action).
bool leftoverEvent(const QByteArray &line, const QJsonObject &object, QByteArray *event)
{
    if (!object.value(QLatin1String("event")).isObject() || !object.value(QLatin1String("endpoint")).isString()
        || object.contains(QLatin1String("action")))
        return false;
    const QJsonObject value = object.value(QLatin1String("event")).toObject();
    const QByteArray key = ",\"event\":";
    const qsizetype at = line.indexOf(key);
    *event = at >= 0 ? line.mid(at + key.size(), line.size() - at - key.size() - 1) : QByteArray();
    if (QJsonDocument::fromJson(*event).object() != value)   // not the writer's layout
        *event = QJsonDocument(value).toJson(QJsonDocument::Compact);
    return true;
}

ReplayFile parseNdjson(const QByteArray &data, const QString &name)
{
    ReplayFile file;
    file.path = name;
    const QList<QByteArray> lines = data.split('\n');
    for (int i = 0; i < lines.size(); ++i) {
        const int line = i + 1;
        const QByteArray text = lines.at(i).trimmed();
        if (text.isEmpty())
            continue;
        QJsonParseError jsonError;
        const QJsonDocument doc = QJsonDocument::fromJson(text, &jsonError);
        if (jsonError.error != QJsonParseError::NoError)
            return failure(name, line, QStringLiteral("not JSON: %1 (column %2)").arg(jsonError.errorString()).arg(jsonError.offset + 1));
        if (!doc.isObject())
            return failure(name, line, QStringLiteral("expected an event or an envelope object"));
        EventBlock events;
        if (doc.object().contains(QStringLiteral("events"))) {
            const Envelope::ParseResult parsed = Envelope::parse(text);
            if (!parsed.ok())
                return failure(name, line, QStringLiteral("not an envelope: ") + parsed.error);
            if (parsed.events.empty())
                return failure(name, line, QStringLiteral("the envelope has no events"));
            events = parsed.events;
        } else {
            QByteArray eventText = text;
            leftoverEvent(text, doc.object(), &eventText);
            QString why;
            EventPtr record = EventRecord::fromJson(eventText, &why);
            if (!record)
                return failure(name, line, why);
            events.push_back(std::move(record));
        }
        int bad = 0;
        const QString problem = eventProblem(events, &bad);
        if (!problem.isEmpty())
            return failure(name, line, events.size() > 1 ? QStringLiteral("events[%1]: %2").arg(bad).arg(problem) : problem);
        file.envelopes.append({events, timestampOf(events), QStringLiteral("%1:%2").arg(name).arg(line)});
    }
    if (file.envelopes.isEmpty())
        return failure(name, 0, QStringLiteral("no events in the file"));
    return file;
}

} // namespace

QString ReplayFile::errorText() const
{
    if (error.isEmpty())
        return QString();
    return line > 0 ? QStringLiteral("%1:%2: %3").arg(path).arg(line).arg(error)
                    : QStringLiteral("%1: %2").arg(path, error);
}

int ReplayFile::eventCount() const
{
    int count = 0;
    for (const ReplayEnvelope &envelope : envelopes)
        count += int(envelope.events.size());
    return count;
}

QList<ReplayEnvelope> ReplayLoad::envelopes() const
{
    QList<ReplayEnvelope> all;
    for (const ReplayFile &file : files)
        all += file.envelopes;
    return all;
}

QStringList ReplayLoad::errors() const
{
    QStringList all;
    for (const ReplayFile &file : files) {
        if (!file.ok())
            all << file.errorText();
    }
    return all;
}

bool ReplayLoader::formatFromName(const QString &name, ReplayFormat *format)
{
    const QString lower = name.toLower();
    if (lower == QLatin1String("auto") || lower.isEmpty())
        *format = ReplayFormat::Auto;
    else if (lower == QLatin1String("fixture"))
        *format = ReplayFormat::Fixture;
    else if (lower == QLatin1String("ndjson"))
        *format = ReplayFormat::Ndjson;
    else
        return false;
    return true;
}

ReplayLoad ReplayLoader::load(const QStringList &paths, ReplayFormat format)
{
    ReplayLoad result;
    for (const QString &path : paths) {
        const QFileInfo info(path);
        if (!info.isDir()) {
            result.files.append(loadFile(path, format));
            continue;
        }
        const QDir dir(path);
        const QStringList names = dir.entryList(FolderPatterns, QDir::Files, QDir::Name);
        for (const QString &name : names)
            result.files.append(loadFile(dir.filePath(name), format));
        for (const QString &other : dir.entryList(QDir::Files, QDir::Name)) {
            if (!names.contains(other))
                result.skipped << dir.filePath(other);
        }
        if (names.isEmpty())
            result.files.append(failure(path, 0, QStringLiteral("the folder has no .json, .ndjson, .jsonl or .http files")));
    }
    return result;
}

ReplayFile ReplayLoader::loadFile(const QString &path, ReplayFormat format)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return failure(path, 0, QStringLiteral("cannot read: ") + file.errorString());
    if (file.size() > MaxFileBytes)
        return failure(path, 0, QStringLiteral("larger than %1 MB; split it").arg(MaxFileBytes >> 20));
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (format == ReplayFormat::Auto && (suffix == QLatin1String("ndjson") || suffix == QLatin1String("jsonl")))
        format = ReplayFormat::Ndjson;
    return parse(file.readAll(), path, format);
}

ReplayFile ReplayLoader::parse(const QByteArray &data, const QString &name, ReplayFormat format)
{
    if (data.trimmed().isEmpty())
        return failure(name, 0, QStringLiteral("the file is empty"));
    switch (format) {
    case ReplayFormat::Fixture:
        return parseFixture(data, name);
    case ReplayFormat::Ndjson:
        return parseNdjson(data, name);
    case ReplayFormat::Auto:
        break;
    }
    // One JSON document (or a capture with its request head) is a fixture; otherwise, if the first
    // line is a JSON object by itself, the file is NDJSON.
    const ReplayFile fixture = parseFixture(data, name);
    if (fixture.ok() || bodyOffset(data) > 0)
        return fixture;
    const qsizetype firstLineEnd = data.indexOf('\n');
    const QByteArray firstLine = data.left(firstLineEnd < 0 ? data.size() : firstLineEnd).trimmed();
    if (firstLineEnd >= 0 && QJsonDocument::fromJson(firstLine).isObject())
        return parseNdjson(data, name);
    return fixture;
}

} // namespace hookscope

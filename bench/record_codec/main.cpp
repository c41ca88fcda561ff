// What the compact in-memory records cost per event: packing at accept time and unpacking when an
// envelope is serialised, next to the text work that was there before (compacting at accept time,
// indenting at send time), so a change in bench_throughput can be traced to this step or not.
//
//   bench_record_codec [--events 200000]
#include "core/model/envelope.h"
#include "core/model/eventcodec.h"
#include "fixtureevent.h"
#include "core/model/eventrecord.h"
#include "core/model/jsontext.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

using namespace hookscope;

namespace {

template <typename F>
double microsPer(qint64 n, F &&work)
{
    QElapsedTimer clock;
    clock.start();
    for (qint64 i = 0; i < n; ++i)
        work(i);
    return double(clock.nsecsElapsed()) / 1000.0 / double(n);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.addHelpOption();
    parser.addOption({QStringLiteral("events"), QStringLiteral("iterations"), QStringLiteral("n"), QStringLiteral("200000")});
    parser.process(app);
    const qint64 n = qMax<qint64>(1, parser.value(QStringLiteral("events")).toLongLong());
    const QByteArray compact = bench::fixtureManifestPush();
    const QByteArray packed = EventCodec::encode(compact);
    const EventPtr record = EventRecord::fromJson(compact);
    const EventBlock one{record};
    qsizetype sink = 0;
    const double compactUs = microsPer(n, [&](qint64) { sink += JsonText::compact(compact).size(); });
    const double encodeUs = microsPer(n, [&](qint64) { sink += EventCodec::encode(compact).size(); });
    const double indentUs = microsPer(n, [&](qint64) { sink += JsonText::indent(compact, 2).size(); });
    const double decodeUs = microsPer(n, [&](qint64) { sink += EventCodec::decode(packed).size(); });
    const double serializeUs = microsPer(n, [&](qint64) { sink += Envelope::serialize(one).size(); });
    const double fromJsonUs = microsPer(qMin<qint64>(n, 50000), [&](qint64) { sink += EventRecord::fromJson(compact) ? 1 : 0; });
    const QJsonObject result{
        {QStringLiteral("eventBytes"), compact.size()},
        {QStringLiteral("packedBytes"), packed.size()},
        {QStringLiteral("recordBytes"), record->approximateBytes()},
        {QStringLiteral("acceptCompactUs"), compactUs},
        {QStringLiteral("acceptPackUs"), encodeUs},
        {QStringLiteral("acceptFromJsonUs"), fromJsonUs},
        {QStringLiteral("sendIndentUs"), indentUs},
        {QStringLiteral("sendUnpackUs"), decodeUs},
        {QStringLiteral("sendSerializeEnvelopeUs"), serializeUs},
        {QStringLiteral("checksum"), double(sink)},
    };
    QTextStream(stdout) << QJsonDocument(result).toJson(QJsonDocument::Compact) << Qt::endl;
    return 0;
}

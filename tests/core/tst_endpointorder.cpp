#include "core/config/endpointorder.h"

#include <QTest>

using namespace hookscope;
using namespace Qt::StringLiterals;

namespace {

EndpointConfig endpoint(const char *name, bool disabled = false)
{
    EndpointConfig e;
    e.name = QString::fromLatin1(name);
    e.url = QStringLiteral("http://h/") + e.name;
    e.disabled = disabled;
    return e;
}

QStringList names(const QList<EndpointConfig> &endpoints)
{
    QStringList out;
    for (const EndpointConfig &e : endpoints)
        out << e.name;
    return out;
}

} // namespace

// Saving puts disabled endpoints (which never run) back where the file had them.
class tst_EndpointOrder final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void disabledSecondStaysSecond()
    {
        const QList<EndpointConfig> file = {endpoint("a"), endpoint("off", true), endpoint("c")};
        const QList<EndpointConfig> running = {endpoint("a"), endpoint("c")};
        QCOMPARE(names(endpointsInFileOrder(running, file)), (QStringList{u"a"_s, u"off"_s, u"c"_s}));
    }

    void leadingAndConsecutiveDisabled()
    {
        const QList<EndpointConfig> file = {endpoint("x", true), endpoint("y", true), endpoint("a"),
                                            endpoint("z", true)};
        const QList<EndpointConfig> running = {endpoint("a")};
        QCOMPARE(names(endpointsInFileOrder(running, file)),
                 (QStringList{u"x"_s, u"y"_s, u"a"_s, u"z"_s}));
    }

    // Edits in the window win: an added endpoint stays where the table has it, a removed one is
    // gone, and a disabled endpoint after a removed one follows the one before that.
    void windowEditsKeepTheirPlace()
    {
        const QList<EndpointConfig> file = {endpoint("a"), endpoint("b"), endpoint("off", true)};
        const QList<EndpointConfig> running = {endpoint("a"), endpoint("new")};
        QCOMPARE(names(endpointsInFileOrder(running, file)), (QStringList{u"a"_s, u"off"_s, u"new"_s}));
    }
};

QTEST_GUILESS_MAIN(tst_EndpointOrder)
#include "tst_endpointorder.moc"

#include "app/models/endpointtablemodel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace hookscope;

namespace {

EndpointSnapshot endpoint(const QString &name, qint64 pending = 0)
{
    EndpointSnapshot e;
    e.config.name = name;
    e.config.url = QStringLiteral("http://127.0.0.1:9/") + name;
    e.metrics.pending = pending;
    e.metrics.events = pending;
    return e;
}

} // namespace

class tst_EndpointTableModel final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Same endpoints, changed counters: one ranged dataChanged over the changed rows, no reset.
    void rangedUpdates()
    {
        EndpointTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setSnapshot({endpoint(QStringLiteral("a")), endpoint(QStringLiteral("b")), endpoint(QStringLiteral("c"))});
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        model.setSnapshot({endpoint(QStringLiteral("a")), endpoint(QStringLiteral("b"), 5), endpoint(QStringLiteral("c"), 2)});
        QCOMPARE(resets.count(), 0);
        QCOMPARE(changes.count(), 1);
        QCOMPARE(changes.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(changes.first().at(1).toModelIndex().row(), 2);
        model.setSnapshot({endpoint(QStringLiteral("a")), endpoint(QStringLiteral("b"), 5), endpoint(QStringLiteral("c"), 2)});
        QCOMPARE(changes.count(), 1);   // nothing changed, nothing emitted
        QCOMPARE(model.index(1, EndpointTableModel::Pending).data().toString(), QStringLiteral("5"));
        QCOMPARE(model.index(1, EndpointTableModel::Pending).data(EndpointTableModel::RawRole).toLongLong(), 5);
    }

    // The URL column and its tooltip show the URL masked (the snapshot keeps the real one, which the
    // engine sends to and File > Save writes); a URL without secrets shows as it is.
    // A watched registry that restarted: its rows say so in the State column, the tooltip says
    // what the restart lost, and a row that only gained the note is repainted.
    void remoteRestartIsShown()
    {
        EndpointTableModel model;
        EndpointSnapshot row = endpoint(QStringLiteral("a @ 127.0.0.1:5001"));
        row.remoteSource = QStringLiteral("127.0.0.1:5001");
        model.setSnapshot({row});
        QSignalSpy changes(&model, &QAbstractItemModel::dataChanged);
        row.remoteRestartedAt = QDateTime::currentDateTimeUtc();
        row.remoteRestartNote
            = QStringLiteral("registry 127.0.0.1:5001 restarted: counters reset; nothing was pending before");
        model.setSnapshot({row});
        QCOMPARE(changes.count(), 1);
        const QModelIndex state = model.index(0, EndpointTableModel::State);
        QVERIFY2(state.data().toString().contains(QStringLiteral("(restarted ")), qPrintable(state.data().toString()));
        QCOMPARE(state.data(Qt::ToolTipRole).toString(), row.remoteRestartNote);
    }

    void urlIsMasked()
    {
        EndpointTableModel model;
        EndpointSnapshot secret = endpoint(QStringLiteral("s"));
        secret.config.url = QStringLiteral("http://user:pa55@h:9000/events?api_key=k3y&x=1");
        model.setSnapshot({secret, endpoint(QStringLiteral("plain"))});
        const QString masked = QStringLiteral("http://user:***@h:9000/events?api_key=***&x=1");
        QCOMPARE(model.index(0, EndpointTableModel::Url).data().toString(), masked);
        QCOMPARE(model.index(0, EndpointTableModel::Url).data(Qt::ToolTipRole).toString(), masked);
        QCOMPARE(model.index(1, EndpointTableModel::Url).data().toString(), QStringLiteral("http://127.0.0.1:9/plain"));
        for (int column = 0; column < model.columnCount(); ++column) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole), int(EndpointTableModel::RawRole)}) {
                const QString text = model.index(0, column).data(role).toString();
                QVERIFY2(!text.contains(QLatin1String("pa55")) && !text.contains(QLatin1String("k3y")), qPrintable(text));
            }
        }
    }

    // An endpoint loaded with a URL that cannot work (as the registry runs it) says why in its URL
    // cell and in the tooltips of the state and URL cells; the URL stays masked.
    void misconfiguredIsShown()
    {
        EndpointTableModel model;
        EndpointSnapshot bad = endpoint(QStringLiteral("bad"));
        bad.config.url = QStringLiteral("ftp://u:pa55@h/x");
        bad.config.misconfigured = endpointUrlProblem(bad.config.url);
        model.setSnapshot({bad, endpoint(QStringLiteral("fine"))});
        const QString why = QStringLiteral("misconfigured: url \"ftp://u:***@h/x\" has scheme \"ftp\": only http and "
                                           "https are delivered");
        QCOMPARE(model.index(0, EndpointTableModel::Url).data().toString(), QStringLiteral("ftp://u:***@h/x"));
        QCOMPARE(model.index(0, EndpointTableModel::State).data().toString(), QStringLiteral("misconfigured"));
        QVERIFY(model.index(0, EndpointTableModel::State).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(0, EndpointTableModel::Url).data(Qt::ToolTipRole).toString(), why);
        QCOMPARE(model.index(0, EndpointTableModel::State).data(Qt::ToolTipRole).toString(), why);
        QVERIFY(model.index(0, EndpointTableModel::Url).data(Qt::ForegroundRole).isValid());
        QVERIFY(!model.index(1, EndpointTableModel::Url).data(Qt::ForegroundRole).isValid());
        QCOMPARE(model.index(1, EndpointTableModel::Url).data().toString(), QStringLiteral("http://127.0.0.1:9/fine"));
    }

    // Endpoints coming and going change the rows.
    void structuralChanges()
    {
        EndpointTableModel model;
        QAbstractItemModelTester tester(&model);
        model.setSnapshot({endpoint(QStringLiteral("a"))});
        model.setSnapshot({endpoint(QStringLiteral("a")), endpoint(QStringLiteral("new"))});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("new")), 1);
        model.setSnapshot({});
        QCOMPARE(model.rowCount(), 0);
    }

    // A stuck endpoint says so in its state column, is flagged once, and explains why.
    void stuckIsFlaggedOnce()
    {
        EndpointTableModel model;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        model.setNow(now);
        QSignalSpy stuck(&model, &EndpointTableModel::becameStuck);
        EndpointSnapshot e = endpoint(QStringLiteral("dead"), 4);
        e.state = EndpointState::BackingOff;
        e.oldestPendingSince = now.addSecs(-120);
        e.lastError = QStringLiteral("Connection refused");
        model.setSnapshot({e});
        QCOMPARE(stuck.count(), 1);
        QCOMPARE(stuck.first().at(0).toString(), QStringLiteral("dead"));
        QVERIFY(stuck.first().at(1).toString().contains(QStringLiteral("Connection refused")));
        QCOMPARE(model.index(0, EndpointTableModel::State).data().toString(), QStringLiteral("stuck"));
        QVERIFY(model.index(0, EndpointTableModel::State).data(EndpointTableModel::StuckRole).toBool());
        e.metrics.events = 5;
        model.setSnapshot({e});
        model.refreshClockColumns();
        QCOMPARE(stuck.count(), 1);
    }

    // The first look goes to the worst trouble: stuck over backing off over pending over idle,
    // the earlier row on a tie; the totals sum every row.
    void mostTroubledRowAndTotals()
    {
        EndpointTableModel model;
        QCOMPARE(model.mostTroubledRow(), -1);
        const QDateTime now = QDateTime::currentDateTimeUtc();
        model.setNow(now);
        EndpointSnapshot idle = endpoint(QStringLiteral("idle"));
        idle.metrics.successes = 7;
        idle.deliveredPerSecond = 1.5;
        EndpointSnapshot pendingA = endpoint(QStringLiteral("pending-a"), 3);
        EndpointSnapshot pendingB = endpoint(QStringLiteral("pending-b"), 9);
        EndpointSnapshot backingOff = endpoint(QStringLiteral("backing-off"), 1);
        backingOff.state = EndpointState::BackingOff;
        backingOff.oldestPendingSince = now;   // just now: not stuck
        EndpointSnapshot stuck = endpoint(QStringLiteral("stuck"), 4);
        stuck.state = EndpointState::BackingOff;
        stuck.oldestPendingSince = now.addSecs(-120);
        stuck.deliveredPerSecond = 0.5;

        model.setSnapshot({idle});
        QCOMPARE(model.mostTroubledRow(), 0);
        model.setSnapshot({idle, pendingA, pendingB});
        QCOMPARE(model.mostTroubledRow(), 1);
        model.setSnapshot({idle, pendingA, backingOff, pendingB});
        QCOMPARE(model.mostTroubledRow(), 2);
        model.setSnapshot({idle, pendingA, backingOff, stuck, pendingB});
        QCOMPARE(model.mostTroubledRow(), 3);

        const EndpointTableModel::Totals totals = model.totals();
        QCOMPARE(totals.pending, 3 + 1 + 4 + 9);
        QCOMPARE(totals.delivered, 7);
        QCOMPARE(totals.deliveredPerSecond, 2.0);
        QCOMPARE(totals.stuck, 1);
    }

    // The countdown column counts down from the snapshot's next attempt time.
    void countdown()
    {
        EndpointTableModel model;
        const QDateTime now = QDateTime::currentDateTimeUtc();
        model.setNow(now);
        EndpointSnapshot e = endpoint(QStringLiteral("b"), 1);
        e.state = EndpointState::BackingOff;
        e.nextAttemptAt = now.addMSecs(2500);
        model.setSnapshot({e});
        QCOMPARE(model.index(0, EndpointTableModel::NextAttempt).data().toString(), QStringLiteral("in 2.5s"));
    }
};

QTEST_GUILESS_MAIN(tst_EndpointTableModel)
#include "tst_endpointtablemodel.moc"

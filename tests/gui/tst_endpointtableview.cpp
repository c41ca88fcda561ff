// EndpointTableView: rows named by endpoint through sorting and filtering; numbers sort as numbers.
#include "app/widgets/endpointtableview.h"

#include "app/models/endpointtablemodel.h"

#include <QHeaderView>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace hookscope;

namespace {

QStringList names(std::initializer_list<const char *> list)
{
    QStringList result;
    for (const char *name : list)
        result << QString::fromLatin1(name);
    return result;
}

EndpointSnapshot endpoint(const QString &name, qint64 pending)
{
    EndpointSnapshot e;
    e.config.name = name;
    e.config.url = QStringLiteral("http://127.0.0.1:9/") + name;
    e.metrics.pending = pending;
    return e;
}

QStringList namesInViewOrder(const EndpointTableView &view)
{
    QStringList names;
    for (int row = 0; row < view.model()->rowCount(); ++row)
        names << view.model()->index(row, 0).data(EndpointTableModel::NameRole).toString();
    return names;
}

} // namespace

class tst_EndpointTableView final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void selectionIsByName()
    {
        EndpointTableModel model;
        EndpointTableView view(&model);
        model.setSnapshot({endpoint(QStringLiteral("alpha"), 1), endpoint(QStringLiteral("beta"), 2)});
        QVERIFY(view.selectedEndpoint().isEmpty());
        view.selectEndpoint(QStringLiteral("beta"));
        QCOMPARE(view.selectedEndpoint(), QStringLiteral("beta"));
        view.selectEndpoint(QStringLiteral("nobody"));   // unknown: the selection stays
        QCOMPARE(view.selectedEndpoint(), QStringLiteral("beta"));
        view.sortByColumn(EndpointTableModel::Name, Qt::DescendingOrder);   // rows move, the name stays
        QCOMPARE(view.selectedEndpoint(), QStringLiteral("beta"));
        QCOMPARE(view.currentIndex().column(), int(EndpointTableModel::State));
    }

    // Configuration order until the operator sorts; counters sort by number, not by text.
    void numbersSortAsNumbers()
    {
        EndpointTableModel model;
        EndpointTableView view(&model);
        model.setSnapshot({endpoint(QStringLiteral("nine"), 9), endpoint(QStringLiteral("ten"), 10),
                           endpoint(QStringLiteral("two"), 2)});
        QCOMPARE(namesInViewOrder(view), names({"nine", "ten", "two"}));
        view.sortByColumn(EndpointTableModel::Pending, Qt::AscendingOrder);
        QCOMPARE(namesInViewOrder(view), names({"two", "nine", "ten"}));
    }

    // The name filter is a case-insensitive substring; a filtered-out endpoint cannot be selected.
    void nameFilter()
    {
        EndpointTableModel model;
        EndpointTableView view(&model);
        model.setSnapshot({endpoint(QStringLiteral("audit-log"), 0), endpoint(QStringLiteral("Scanner"), 0),
                           endpoint(QStringLiteral("audit-db"), 0)});
        view.setNameFilter(QStringLiteral("AUDIT"));
        QCOMPARE(namesInViewOrder(view), names({"audit-log", "audit-db"}));
        view.selectEndpoint(QStringLiteral("Scanner"));
        QVERIFY(view.selectedEndpoint().isEmpty());
        view.selectEndpoint(QStringLiteral("audit-db"));
        QCOMPARE(view.selectedEndpoint(), QStringLiteral("audit-db"));
        view.setNameFilter(QString());
        QCOMPARE(view.proxy()->rowCount(), 3);
    }

    // Counters are narrow, the URL and the last error wide.
    void columnWidths()
    {
        EndpointTableModel model;
        EndpointTableView view(&model);
        const int counter = view.columnWidth(EndpointTableModel::Pending);
        QVERIFY(counter > 0);
        for (int column = EndpointTableModel::Pending; column <= EndpointTableModel::Errors; ++column)
            QCOMPARE(view.columnWidth(column), counter);
        QCOMPARE(view.columnWidth(EndpointTableModel::Url), counter * 3);
        QCOMPARE(view.columnWidth(EndpointTableModel::LastError), counter * 4);
        QVERIFY(view.columnWidth(EndpointTableModel::Name) > counter);
    }
};

QTEST_MAIN(tst_EndpointTableView)
#include "tst_endpointtableview.moc"

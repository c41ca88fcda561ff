// QTEST_MAIN: the models under test are QtGui table models.
#include "app/models/attemptlogmodel.h"
#include "app/models/columnheaders.h"
#include "app/models/deadlettersmodel.h"
#include "app/models/endpointtablemodel.h"
#include "app/models/queuemodel.h"
#include "app/models/statusesmodel.h"
#include "app/models/testendpointrequestsmodel.h"

#include <QTest>

#include <initializer_list>

using namespace hookscope;

namespace {

const char *const Titles[] = {"First", "Second"};
const char *const Tips[] = {"first tip", "second tip"};

QStringList strings(std::initializer_list<const char *> texts)
{
    QStringList list;
    for (const char *text : texts)
        list << QString::fromUtf8(text);
    return list;
}

QStringList titlesOf(const QAbstractItemModel &model)
{
    QStringList titles;
    for (int c = 0; c < model.columnCount(); ++c)
        titles << model.headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    return titles;
}

} // namespace

class tst_ColumnHeaders : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    // Pins the checks every model relied on: horizontal only, in range only, titles and tips by role.
    void answersTitlesAndTipsInRange()
    {
        const QMetaObject &context = staticMetaObject;
        QCOMPARE(columnHeaderData(context, Titles, Tips, 1, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("Second"));
        QCOMPARE(columnHeaderData(context, Titles, Tips, 0, Qt::Horizontal, Qt::ToolTipRole).toString(),
                 QStringLiteral("first tip"));
        QVERIFY(!columnHeaderData(context, Titles, Tips, 0, Qt::Vertical, Qt::DisplayRole).isValid());
        QVERIFY(!columnHeaderData(context, Titles, Tips, 2, Qt::Horizontal, Qt::DisplayRole).isValid());
        QVERIFY(!columnHeaderData(context, Titles, Tips, -1, Qt::Horizontal, Qt::DisplayRole).isValid());
        QVERIFY(!columnHeaderData(context, Titles, Tips, 0, Qt::Horizontal, Qt::FontRole).isValid());
    }

    // Pins that a model without tips gives no tooltip at all.
    void noTipsMeansNoTooltip()
    {
        QVERIFY(!columnHeaderData(staticMetaObject, Titles, 0, Qt::Horizontal, Qt::ToolTipRole).isValid());
        QCOMPARE(columnHeaderData(staticMetaObject, Titles, 0, Qt::Horizontal, Qt::DisplayRole).toString(),
                 QStringLiteral("First"));
    }

    // Pins the titles the window's tables show, column by column, as they were before the models
    // shared this function (queue columns are in enum order: the id column comes first).
    void modelsShowTheirTitles()
    {
        QCOMPARE(titlesOf(QueueModel()),
                 strings({"Event id", "#", "Action", "Repository", "Tag", "Media type", "Age"}));
        QCOMPARE(titlesOf(StatusesModel()), strings({"Status / error", "Kind", "Count", "Share"}));
        QCOMPARE(titlesOf(TestEndpointRequestsModel()),
                 strings({"Time", "Outcome", "Events", "First event id", "Conn."}));
        QCOMPARE(titlesOf(AttemptLogModel()).first(), QStringLiteral("Time"));
        QCOMPARE(titlesOf(DeadLettersModel()).last(), QStringLiteral("Last error"));
        QCOMPARE(titlesOf(EndpointTableModel()).size(), int(EndpointTableModel::ColumnCount));
    }

    // Pins which models have header tooltips: the three with tips keep them, the others have none.
    void onlyModelsWithTipsShowThem()
    {
        QCOMPARE(AttemptLogModel().headerData(AttemptLogModel::Events, Qt::Horizontal, Qt::ToolTipRole)
                     .toString(),
                 QStringLiteral("Ids of the events in the envelope"));
        QVERIFY(!DeadLettersModel().headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!EndpointTableModel().headerData(0, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
        QVERIFY(!QueueModel().headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
        QVERIFY(!StatusesModel().headerData(0, Qt::Horizontal, Qt::ToolTipRole).isValid());
        QVERIFY(!EndpointTableModel().headerData(0, Qt::Vertical, Qt::DisplayRole).isValid());
    }
};

QTEST_MAIN(tst_ColumnHeaders)
#include "tst_columnheaders.moc"

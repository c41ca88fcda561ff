#include "app/widgets/statusespanel.h"

#include "app/models/statusesmodel.h"
#include "app/widgets/recordtable.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

StatusesPanel::StatusesPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new StatusesModel(this))
{
    m_view = new QTableView(this);
    setUpRecordTable(m_view, m_model);
    m_view->horizontalHeader()->setSectionResizeMode(StatusesModel::Key, QHeaderView::Stretch);
    m_summary = new QLabel(this);
    m_summary->setToolTip(tr("Counted per event-attempt, as the registry counts Statuses and Errors: "
                             "an envelope of 3 events answered 503 adds 3"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_summary);
    layout->addWidget(m_view, 1);
    clear();
}

void StatusesPanel::setEndpoint(const EndpointSnapshot &snapshot)
{
    const bool switched = snapshot.config.name != m_endpointName;
    if (switched) {
        // Another endpoint's counts share nothing with these: start from an empty table.
        m_endpointName = snapshot.config.name;
        m_model->clear();
    }
    if (!m_model->setCounts(snapshot.metrics.statuses, snapshot.errorClasses) && !switched)
        return;
    const qint64 total = m_model->total();
    m_summary->setText(total == 0 ? tr("No attempts yet")
                                  : tr("%n event-attempt(s): %1 delivered, %2 failed, %3 without response",
                                       nullptr, int(qMin<qint64>(total, INT_MAX)))
                                        .arg(snapshot.metrics.successes)
                                        .arg(snapshot.metrics.failures)
                                        .arg(snapshot.metrics.errors));
}

void StatusesPanel::clear()
{
    m_endpointName.clear();
    m_model->clear();
    m_summary->setText(tr("No endpoint selected"));
}

QString StatusesPanel::summary() const
{
    return m_summary->text();
}

} // namespace hookscope

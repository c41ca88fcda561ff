#include "app/widgets/deadletterspanel.h"

#include "app/models/deadletterfilterproxy.h"
#include "app/models/deadlettersmodel.h"
#include "app/widgets/deadletterfilterbar.h"
#include "app/widgets/followendpointstore.h"
#include "app/widgets/recordtable.h"
#include "app/widgets/replaytargetdialog.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

DeadLettersPanel::DeadLettersPanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new DeadLettersModel(this))
    , m_proxy(new DeadLetterFilterProxy(this))
    , m_filterBar(new DeadLetterFilterBar(this))
    , m_chooseTarget([this](const QString &source, const QStringList &endpoints, int count, const QString &what) {
        ReplayTargetDialog dialog(source, endpoints, count, what, this);
        return dialog.exec() == QDialog::Accepted ? dialog.target() : QString();
    })
{
    m_proxy->setDeadLettersModel(m_model);
    m_view = new QTableView(this);
    setUpRecordTable(m_view, m_proxy, QAbstractItemView::ExtendedSelection);
    useUniformRows(m_view);

    m_replaySelected = new QPushButton(tr("Replay selected to…"), this);
    m_replaySelected->setToolTip(tr("Put the selected events at the tail of a queue: this endpoint's or another's"));
    m_replayMatching = new QPushButton(tr("Replay matching to…"), this);
    m_replayMatching->setToolTip(tr("Put every listed (matching) event at the tail of a queue: this endpoint's "
                                    "or another's"));
    m_export = new QPushButton(tr("Export NDJSON…"), this);
    m_export->setToolTip(tr("Save every listed (matching) event as one JSON object per line"));
    m_count = new QLabel(this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_count, 1);
    buttons->addWidget(m_replaySelected);
    buttons->addWidget(m_replayMatching);
    buttons->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filterBar);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    connect(m_replaySelected, &QPushButton::clicked, this, &DeadLettersPanel::replaySelected);
    connect(m_replayMatching, &QPushButton::clicked, this, &DeadLettersPanel::replayMatching);
    connect(m_export, &QPushButton::clicked, this, &DeadLettersPanel::exportWithDialog);
    connect(m_filterBar, &DeadLetterFilterBar::filterChanged, m_proxy, &DeadLetterFilterProxy::setFilter);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeadLettersPanel::updateWidgets);
    for (QAbstractItemModel *model : {static_cast<QAbstractItemModel *>(m_model), static_cast<QAbstractItemModel *>(m_proxy)}) {
        connect(model, &QAbstractItemModel::rowsInserted, this, &DeadLettersPanel::updateWidgets);
        connect(model, &QAbstractItemModel::rowsRemoved, this, &DeadLettersPanel::updateWidgets);
        connect(model, &QAbstractItemModel::modelReset, this, &DeadLettersPanel::updateWidgets);
        connect(model, &QAbstractItemModel::layoutChanged, this, &DeadLettersPanel::updateWidgets);
    }
    updateWidgets();
}

void DeadLettersPanel::setEndpoint(const EndpointSnapshot &snapshot)
{
    followEndpointStore(m_endpointName, *m_model, snapshot.config.name, snapshot.stores.deadLetters);
}

void DeadLettersPanel::clear()
{
    m_endpointName.clear();
    m_model->clear();
}

void DeadLettersPanel::updateWidgets()
{
    const int all = m_model->rowCount();
    const int matching = m_proxy->rowCount();
    const bool hasSelection = m_view->selectionModel()->hasSelection();
    m_replaySelected->setEnabled(hasSelection);
    m_replayMatching->setEnabled(matching > 0);
    m_export->setEnabled(matching > 0);
    if (all == 0)
        m_count->setText(tr("No dead letters"));
    else if (matching == all)
        m_count->setText(tr("%n dead letter(s)", nullptr, all));
    else
        m_count->setText(tr("%1 of %n dead letter(s) match", nullptr, all).arg(matching));
}

QSet<QByteArray> DeadLettersPanel::selectedIds() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(m_proxy->mapToSource(index).row());
    return m_model->idsOfRows(rows);
}

void DeadLettersPanel::replaySelected()
{
    const QSet<QByteArray> ids = selectedIds();
    // An empty id set would mean "no restriction": never let an empty selection turn into that.
    if (ids.isEmpty() || m_endpointName.isEmpty())
        return;
    DeadLetterFilter filter;
    filter.setIds(ids);
    requestReplay(filter, int(ids.size()), tr("%n selected", nullptr, int(ids.size())));
}

void DeadLettersPanel::replayMatching()
{
    const int count = m_proxy->rowCount();
    if (count == 0 || m_endpointName.isEmpty())
        return;
    const DeadLetterFilter filter = m_filterBar->filter();
    requestReplay(filter, count, filter.isEmpty() ? tr("all") : tr("matching %1").arg(filter.describe()));
}

void DeadLettersPanel::requestReplay(DeadLetterFilter filter, int count, const QString &what)
{
    filter.setEndpoint(m_endpointName);
    QStringList targets = m_endpointNames;
    if (!targets.contains(m_endpointName))
        targets.prepend(m_endpointName);
    const QString target = m_chooseTarget ? m_chooseTarget(m_endpointName, targets, count, what) : m_endpointName;
    if (target.isEmpty())
        return;
    Q_EMIT replayRequested(filter, target);
}

bool DeadLettersPanel::exportNdjson(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    for (int row = 0; row < m_proxy->rowCount(); ++row) {
        const DeadLetters::Entry *entry = m_proxy->entryAt(row);
        if (!entry || !entry->event)
            continue;
        if (file.write(entry->event->compactJson()) < 0 || file.write("\n", 1) != 1) {
            if (error)
                *error = file.errorString();
            file.cancelWriting();
            return false;
        }
    }
    if (!file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

void DeadLettersPanel::exportWithDialog()
{
    const QString suggested = QDir::home().filePath(
        (m_endpointName.isEmpty() ? QStringLiteral("dead-letters") : m_endpointName + QStringLiteral("-dead-letters"))
        + QStringLiteral(".ndjson"));
    const QString path = QFileDialog::getSaveFileName(this, tr("Export %n matching dead letter(s)", nullptr, m_proxy->rowCount()), suggested,
                                                      tr("Newline-delimited JSON (*.ndjson *.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportNdjson(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

} // namespace hookscope

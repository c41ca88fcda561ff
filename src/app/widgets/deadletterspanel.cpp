#include "deadletterspanel.h"

#include "deadlettersmodel.h"

#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
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
{
    m_view = new QTableView(this);
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);

    m_replaySelected = new QPushButton(tr("Replay selected"), this);
    m_replaySelected->setToolTip(tr("Put the selected events back at the tail of the endpoint's queue"));
    m_replayAll = new QPushButton(tr("Replay all"), this);
    m_replayAll->setToolTip(tr("Put every dead-lettered event back at the tail of the endpoint's queue"));
    m_export = new QPushButton(tr("Export NDJSON…"), this);
    m_export->setToolTip(tr("Save every listed event as one JSON object per line"));
    m_count = new QLabel(this);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_count, 1);
    buttons->addWidget(m_replaySelected);
    buttons->addWidget(m_replayAll);
    buttons->addWidget(m_export);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_view, 1);

    connect(m_replaySelected, &QPushButton::clicked, this, &DeadLettersPanel::replaySelected);
    connect(m_replayAll, &QPushButton::clicked, this, &DeadLettersPanel::replayAll);
    connect(m_export, &QPushButton::clicked, this, &DeadLettersPanel::exportWithDialog);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &DeadLettersPanel::updateWidgets);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &DeadLettersPanel::updateWidgets);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &DeadLettersPanel::updateWidgets);
    connect(m_model, &QAbstractItemModel::modelReset, this, &DeadLettersPanel::updateWidgets);
    updateWidgets();
}

void DeadLettersPanel::setEndpoint(const EndpointSnapshot &snapshot)
{
    if (snapshot.config.name != m_endpointName || snapshot.stores.deadLetters != m_model->store()) {
        m_endpointName = snapshot.config.name;
        m_model->setStore(snapshot.stores.deadLetters);
        return;
    }
    m_model->refresh();
}

void DeadLettersPanel::clear()
{
    m_endpointName.clear();
    m_model->clear();
}

void DeadLettersPanel::updateWidgets()
{
    const int rows = m_model->rowCount();
    const bool hasSelection = m_view->selectionModel()->hasSelection();
    m_replaySelected->setEnabled(hasSelection);
    m_replayAll->setEnabled(rows > 0);
    m_export->setEnabled(rows > 0);
    m_count->setText(rows == 0 ? tr("No dead letters") : tr("%n dead letter(s)", nullptr, rows));
}

QSet<QByteArray> DeadLettersPanel::selectedIds() const
{
    QList<int> rows;
    const QModelIndexList selected = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &index : selected)
        rows.append(index.row());
    return m_model->idsOfRows(rows);
}

void DeadLettersPanel::replaySelected()
{
    const QSet<QByteArray> ids = selectedIds();
    // An empty set would mean "all": never let an empty selection turn into that.
    if (!ids.isEmpty())
        Q_EMIT replayRequested(ids);
}

void DeadLettersPanel::replayAll()
{
    if (m_model->rowCount() > 0)
        Q_EMIT replayRequested({});
}

bool DeadLettersPanel::exportNdjson(const QString &path, QString *error) const
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error)
            *error = file.errorString();
        return false;
    }
    for (int row = 0; row < m_model->rowCount(); ++row) {
        const DeadLetters::Entry *entry = m_model->entryAt(row);
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
    const QString path = QFileDialog::getSaveFileName(this, tr("Export dead letters"), suggested,
                                                      tr("Newline-delimited JSON (*.ndjson *.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QString error;
    if (!exportNdjson(path, &error))
        QMessageBox::warning(this, tr("Export failed"), tr("Could not write %1:\n%2").arg(QDir::toNativeSeparators(path), error));
}

} // namespace hookscope

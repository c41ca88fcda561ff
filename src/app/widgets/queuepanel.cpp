#include "app/widgets/queuepanel.h"

#include "app/models/endpointtablemodel.h"
#include "app/models/queuemodel.h"
#include "app/widgets/jsonview.h"
#include "app/widgets/recordtable.h"
#include "app/widgets/twopanesplitter.h"
#include "core/engine/attemptlog.h"
#include "sources/statusline.h"

#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace hookscope {

QueuePanel::QueuePanel(QWidget *parent)
    : QWidget(parent)
    , m_model(new QueueModel(this))
    , m_view(new QTableView(this))
    , m_headBanner(new QLabel(this))
    , m_json(new JsonView(this))
{
    m_view->setObjectName(QStringLiteral("queueView"));
    setUpRecordTable(m_view, m_model, QAbstractItemView::SingleSelection);
    m_view->setAlternatingRowColors(true);
    // Uniform rows and no per-row sizing: a million rows cost nothing until they are on screen.
    m_view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setColumnWidth(QueueModel::Position, 50);
    m_view->setColumnWidth(QueueModel::Id, 290);

    m_headBanner->setObjectName(QStringLiteral("headBanner"));
    m_headBanner->setWordWrap(true);
    m_headBanner->setTextInteractionFlags(Qt::TextSelectableByMouse);

    m_json->setObjectName(QStringLiteral("eventJson"));
    m_json->setToolTip(tr("The selected event exactly as it will be sent (indented as the registry indents it)"));

    const auto makeButton = [this](const QString &text, const QString &toolTip) {
        auto *b = new QPushButton(text, this);
        b->setToolTip(toolTip);
        return b;
    };
    m_retryNow = makeButton(tr("Retry now"),
                            tr("Skip the remaining backoff wait and attempt the head event now (Ctrl+R)"));
    m_skipHead = makeButton(tr("Skip head"),
                            tr("Move the head event to dead letters and let the queue move on (Ctrl+K)"));
    m_pauseResume = makeButton(tr("Pause"), tr("Stop or restart delivery; events keep queueing while paused"));
    m_purge = makeButton(tr("Purge…"), tr("Move every pending event to dead letters"));
    m_export = makeButton(tr("Export pending…"),
                          tr("Write the pending events as NDJSON, one event per line, head first"));

    auto *buttons = new QHBoxLayout;
    for (QPushButton *button : {m_retryNow, m_skipHead, m_pauseResume, m_purge, m_export})
        buttons->addWidget(button);
    buttons->addStretch();

    QSplitter *splitter = twoPaneSplitter(Qt::Horizontal, m_view, 3, m_json, 2, this);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_headBanner);
    layout->addLayout(buttons);
    layout->addWidget(splitter, 1);

    connect(m_retryNow, &QPushButton::clicked, this, &QueuePanel::retryNowRequested);
    connect(m_skipHead, &QPushButton::clicked, this, &QueuePanel::skipHeadRequested);
    connect(m_pauseResume, &QPushButton::clicked, this, [this] {
        if (m_snapshot.state == EndpointState::Paused)
            Q_EMIT resumeRequested();
        else
            Q_EMIT pauseRequested();
    });
    connect(m_purge, &QPushButton::clicked, this, &QueuePanel::purgeRequested);
    connect(m_export, &QPushButton::clicked, this, &QueuePanel::exportPending);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &QueuePanel::showSelectedEvent);
    clear();
}

void QueuePanel::setEndpoint(const EndpointSnapshot &snapshot)
{
    if (snapshot.config.name != m_name || snapshot.stores.pending != m_snapshot.stores.pending) {
        m_name = snapshot.config.name;
        m_model->setStore(snapshot.stores.pending);
        m_json->clear();
    }
    m_snapshot = snapshot;
    m_model->setHeadInfo(snapshot.headAttempts, snapshot.lastError);
    m_model->refresh();
    // Open on the head: the event blocking the queue is the one the operator came to see.
    if (!m_view->currentIndex().isValid() && m_model->rowCount() > 0)
        m_view->setCurrentIndex(m_model->index(0, QueueModel::Id));
    updateHeadBanner();
    setEnabled(true);
}

void QueuePanel::clear()
{
    m_name.clear();
    m_snapshot = EndpointSnapshot();
    m_model->setStore(nullptr);
    m_json->clear();
    m_headBanner->setText(tr("Select an endpoint to see its queue."));
    setEnabled(false);
}

void QueuePanel::updateHeadBanner()
{
    const EndpointSnapshot &e = m_snapshot;
    const bool paused = e.state == EndpointState::Paused;
    m_pauseResume->setText(paused ? tr("Resume") : tr("Pause"));
    m_retryNow->setEnabled(e.state == EndpointState::BackingOff);
    m_skipHead->setEnabled(e.metrics.pending > 0);
    m_purge->setEnabled(e.metrics.pending > 0);
    m_export->setEnabled(e.metrics.pending > 0);
    if (e.metrics.pending == 0) {
        m_headBanner->setText(tr("<b>%1</b>: queue empty — %2 delivered, %3 failure(s), %4 error(s).")
                                  .arg(e.config.name.toHtmlEscaped())
                                  .arg(e.metrics.successes)
                                  .arg(e.metrics.failures)
                                  .arg(e.metrics.errors));
        return;
    }
    QString next;
    if (e.state == EndpointState::BackingOff && e.nextAttemptAt.isValid())
        next = tr(", next attempt in %1").arg(formatAge(QDateTime::currentDateTimeUtc().msecsTo(e.nextAttemptAt)));
    QString error = e.lastError.isEmpty() ? QString()
                                          : tr("<br>last error: <tt>%1</tt>").arg(e.lastError.toHtmlEscaped());
    // The receiver's own words about the head event are usually the answer: show them here.
    if (e.stores.attempts) {
        const QVector<AttemptRecord> last = e.stores.attempts->recent(1);
        if (!last.isEmpty() && last.first().status > 0 && last.first().outcome == AttemptRecord::Failure) {
            const AttemptRecord &a = last.first();
            QString body = QString::fromUtf8(a.responseBody.left(300)).simplified();
            if (a.responseBody.size() > 300)
                body += QStringLiteral(" …");
            error += tr("<br>last response: <b>%1 %2</b> <tt>%3</tt>")
                         .arg(a.status)
                         .arg(a.reason.toHtmlEscaped(), body.toHtmlEscaped());
        }
    }
    m_headBanner->setText(tr("<b>%1</b>: %2 pending; head <tt>%3</tt> is %4 (attempt %5)%6, waiting %7.%8")
                              .arg(e.config.name.toHtmlEscaped())
                              .arg(e.metrics.pending)
                              .arg(QString::fromUtf8(e.headEventId).toHtmlEscaped())
                              .arg(endpointStateName(e.state))
                              .arg(e.headAttempts)
                              .arg(next)
                              .arg(formatAge(e.oldestPendingSince.isValid()
                                                 ? e.oldestPendingSince.msecsTo(QDateTime::currentDateTimeUtc())
                                                 : e.oldestPendingAgeMs))
                              .arg(error));
}

void QueuePanel::showSelectedEvent()
{
    const EventPtr event = m_model->eventAt(m_view->currentIndex().row());
    if (event)
        m_json->setEvent(event);
    else
        m_json->clear();
}

void QueuePanel::exportPending()
{
    const auto store = m_snapshot.stores.pending;
    if (!store)
        return;
    const QString path = QFileDialog::getSaveFileName(this, tr("Export pending events"),
                                                      m_name + QStringLiteral("-pending.ndjson"),
                                                      tr("NDJSON (*.ndjson *.jsonl);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, file.errorString()));
        return;
    }
    // Page through the live store: the queue may be large and keeps moving while we write.
    const qsizetype total = store->size();
    for (qsizetype offset = 0; offset < total; offset += 4096) {
        for (const EventPtr &event : store->slice(offset, 4096)) {
            file.write(event->compactJson());
            file.write("\n");
        }
    }
    if (!file.commit())
        QMessageBox::warning(this, tr("Export failed"), tr("Cannot write %1: %2").arg(path, file.errorString()));
}

} // namespace hookscope

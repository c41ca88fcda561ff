#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace hookscope {

class JsonView;
class QueueModel;

// The queue of the selected endpoint: every pending event in order, the head (the event blocking
// the queue) highlighted with its attempt count, last error and countdown, the commands that act on
// it, and the selected event's JSON.
class QueuePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit QueuePanel(QWidget *parent = nullptr);

    void setEndpoint(const EndpointSnapshot &snapshot);
    void clear();
    QueueModel *model() const { return m_model; }

Q_SIGNALS:
    void retryNowRequested();
    void skipHeadRequested();
    void pauseRequested();
    void resumeRequested();
    void purgeRequested();

private:
    void updateHeadBanner();
    void showSelectedEvent();
    void exportPending();

    QueueModel *m_model;
    QTableView *m_view;
    QLabel *m_headBanner;
    JsonView *m_json;
    // The buttons are made where the constructor lays them out, with their tooltips.
    QPushButton *m_retryNow;
    QPushButton *m_skipHead;
    QPushButton *m_pauseResume;
    QPushButton *m_purge;
    QPushButton *m_export;
    EndpointSnapshot m_snapshot;
    QString m_name;
};

} // namespace hookscope

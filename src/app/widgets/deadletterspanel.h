#pragma once

#include "engine/endpointsnapshot.h"

#include <QByteArray>
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace hookscope {

class DeadLettersModel;

// What the selected endpoint stopped trying to deliver, and why. Replay is a request: the window
// forwards it to the engine, which moves the events back to the queue's tail.
class DeadLettersPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DeadLettersPanel(QWidget *parent = nullptr);

    void setEndpoint(const EndpointSnapshot &snapshot);   // every snapshot; cheap when unchanged
    void clear();
    QString endpointName() const { return m_endpointName; }

    DeadLettersModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QSet<QByteArray> selectedIds() const;

    // Writes every listed event as one compact JSON line. False, with *error set, on any I/O error;
    // the file is replaced atomically, so a failed export leaves an existing file untouched.
    bool exportNdjson(const QString &path, QString *error) const;

public Q_SLOTS:
    void replaySelected();
    void replayAll();
    void exportWithDialog();   // asks for a file, reports errors in a message box

Q_SIGNALS:
    // The endpoint's events to move back to its queue; an empty set means all of them.
    void replayRequested(const QSet<QByteArray> &ids);

private:
    void updateWidgets();

    DeadLettersModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_replaySelected = nullptr;
    QPushButton *m_replayAll = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_count = nullptr;
    QString m_endpointName;
};

} // namespace hookscope

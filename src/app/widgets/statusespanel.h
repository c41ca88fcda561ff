#pragma once

#include "core/engine/endpointsnapshot.h"

#include <QWidget>

class QLabel;
class QTableView;

namespace hookscope {

class StatusesModel;

// How the selected endpoint's attempts ended, per HTTP status and per error class.
class StatusesPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit StatusesPanel(QWidget *parent = nullptr);

    void setEndpoint(const EndpointSnapshot &snapshot);   // every snapshot; cheap when unchanged
    void clear();

    StatusesModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString summary() const;

private:
    StatusesModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QLabel *m_summary = nullptr;
    QString m_endpointName;
};

} // namespace hookscope

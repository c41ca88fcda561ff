#pragma once

#include "core/engine/endpointsnapshot.h"
#include "core/base/attemptrecord.h"

#include <QWidget>

#include <optional>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace hookscope {

class AttemptLogModel;

// The selected endpoint's delivery attempts, newest first, with the full request and response of
// the selected attempt below. Feeds on snapshots; reads the engine's attempt log store directly.
class AttemptsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit AttemptsPanel(QWidget *parent = nullptr);

    void setEndpoint(const EndpointSnapshot &snapshot);   // every snapshot; cheap when unchanged
    void clear();

    AttemptLogModel *model() const { return m_model; }
    QTableView *view() const { return m_view; }
    QString requestDetail() const;    // what the detail pane shows, for tests
    QString responseDetail() const;

    // Rendering of one attempt, also used by the detail pane. Header values are as recorded, that
    // is with secrets masked.
    static QString requestText(const AttemptRecord &record);
    static QString responseText(const AttemptRecord &record);
    static QString curlCommand(const AttemptRecord &record);

Q_SIGNALS:
    void curlCopied(const QString &command);

private:
    void handleCurrentChanged();
    void handleAboutToInsert();
    void handleInserted(const QModelIndex &parent, int first, int last);
    void copyCurl();
    void showRecord(const AttemptRecord *record);

    AttemptLogModel *m_model = nullptr;
    QTableView *m_view = nullptr;
    QPlainTextEdit *m_request = nullptr;
    QPlainTextEdit *m_response = nullptr;
    QPushButton *m_copyCurl = nullptr;
    QLabel *m_hint = nullptr;
    QString m_endpointName;
    std::optional<AttemptRecord> m_shown;   // what the detail pane shows
    int m_topRowBeforeInsert = -1;   // -1: the view was at the top and follows new rows
};

} // namespace hookscope

#pragma once

#include "core/engine/deadletterfilter.h"
#include "core/engine/endpointsnapshot.h"

#include <QByteArray>
#include <QSet>
#include <QStringList>
#include <QWidget>

#include <functional>

class QLabel;
class QPushButton;
class QTableView;

namespace hookscope {

class DeadLetterFilterBar;
class DeadLetterFilterProxy;
class DeadLettersModel;

// What the selected endpoint stopped trying to deliver, and why, narrowed by a filter bar as one
// types. Replay (the selection or everything matching) goes to a chosen endpoint, its own by
// default, after a confirmation that says how many and where; it is a request the window forwards
// to the engine. Export writes the matching events as NDJSON.
class DeadLettersPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit DeadLettersPanel(QWidget *parent = nullptr);

    void setEndpoint(const EndpointSnapshot &snapshot);   // every snapshot; cheap when unchanged
    void clear();
    QString endpointName() const { return m_endpointName; }

    DeadLettersModel *model() const { return m_model; }           // every dead letter of the endpoint
    DeadLetterFilterProxy *matching() const { return m_proxy; }    // what the view shows
    DeadLetterFilterBar *filterBar() const { return m_filterBar; }
    QTableView *view() const { return m_view; }
    QSet<QByteArray> selectedIds() const;

    // The endpoints a replay may go to (the window's own, never watched registries').
    void setEndpointNames(const QStringList &names) { m_endpointNames = names; }
    // Asks where `count` dead letters (described by `what`) go; returns the endpoint, or an empty
    // string when the operator cancels. The default is ReplayTargetDialog; tests replace it.
    using TargetChooser = std::function<QString(const QString &source, const QStringList &endpoints, int count,
                                                const QString &what)>;
    void setTargetChooser(TargetChooser chooser) { m_chooseTarget = std::move(chooser); }

    // Writes every matching event as one compact JSON line. False, with *error set, on any I/O error;
    // the file is replaced atomically, so a failed export leaves an existing file untouched.
    bool exportNdjson(const QString &path, QString *error) const;

public Q_SLOTS:
    void replaySelected();   // "Replay selected to…"
    void replayMatching();   // "Replay matching to…"
    void exportWithDialog();   // asks for a file, reports errors in a message box

Q_SIGNALS:
    // Move the dead letters `filter` matches (its endpoint is this panel's) to `target`'s queue.
    void replayRequested(const hookscope::DeadLetterFilter &filter, const QString &target);

private:
    void updateWidgets();
    void requestReplay(DeadLetterFilter filter, int count, const QString &what);

    DeadLettersModel *m_model = nullptr;
    DeadLetterFilterProxy *m_proxy = nullptr;
    DeadLetterFilterBar *m_filterBar = nullptr;
    QTableView *m_view = nullptr;
    QPushButton *m_replaySelected = nullptr;
    QPushButton *m_replayMatching = nullptr;
    QPushButton *m_export = nullptr;
    QLabel *m_count = nullptr;
    QString m_endpointName;
    QStringList m_endpointNames;
    TargetChooser m_chooseTarget;
};

} // namespace hookscope

#pragma once

#include "testing/testendpointbehaviour.h"
#include "testing/testendpointserver.h"

#include <QJsonObject>
#include <QPointer>
#include <QTimer>
#include <QWidget>

class QGroupBox;
class QLabel;
class QPushButton;
class QTableView;

namespace hookscope {

class TestEndpointBehaviourEditor;
class TestEndpointRequestsModel;
class TestEndpointsModel;

// The built-in test endpoints, live: each one's URL, behaviour and receiver checks (envelopes,
// duplicates, out of order, lost...), the selected one's last requests, an editor to change its
// behaviour while it runs, and an export of the receiver report as JSON.
//
// The server lives on the engine thread; this panel only takes its mutex-protected value
// snapshots (every 500 ms) and hands behaviour changes to it, which applies them on its own
// thread. Nothing here waits on the network.
class TestEndpointsPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit TestEndpointsPanel(QWidget *parent = nullptr);
    ~TestEndpointsPanel() override;

    // nullptr: the panel says there are none. Takes a first snapshot at once.
    void setServer(TestEndpointServer *server);
    TestEndpointServer *server() const { return m_server; }
    void refresh();   // a snapshot now; the timer calls it every refreshMs
    void setRefreshInterval(int ms) { m_refresh.setInterval(ms); }

    TestEndpointsModel *model() const { return m_model; }
    TestEndpointRequestsModel *requestsModel() const { return m_requests; }
    QTableView *view() const { return m_view; }
    void selectEndpoint(const QString &name);
    QString selectedEndpoint() const;

    TestEndpointBehaviourEditor *editor() const { return m_editor; }
    // Validates the editor's behaviour and applies it to the selected endpoint. On refusal nothing
    // changes and the message says why (also in *error).
    bool applyForm(QString *error = nullptr);
    QString message() const;
    bool resetCounts();   // the selected endpoint's counters and checks

    // {"generatedAt", "generator", "definitions", "testEndpoints": [TestEndpointStats::toJson(true)]}
    QJsonObject report() const;
    bool exportReport(const QString &path, QString *error) const;

private:
    void selectionChanged();
    void showMessage(const QString &text, bool problem);
    void updateSummary();
    void exportInteractively();

    QPointer<TestEndpointServer> m_server;
    TestEndpointsModel *m_model;
    TestEndpointRequestsModel *m_requests;
    // Made where the constructor sets each of them up.
    QTableView *m_view;
    QTableView *m_requestsView;
    QLabel *m_summary;
    QLabel *m_placeholder;
    QGroupBox *m_editorBox;
    QGroupBox *m_requestsBox;
    TestEndpointBehaviourEditor *m_editor = nullptr;
    QPushButton *m_resetCounts = nullptr;
    QPushButton *m_export = nullptr;
    QString m_loadedFor;   // endpoint whose behaviour the editor shows
    QTimer m_refresh{this};
};

} // namespace hookscope

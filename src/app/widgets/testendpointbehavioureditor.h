#pragma once

#include "testing/testendpointbehaviour.h"

#include <QWidget>

class QComboBox;
class QDoubleSpinBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace hookscope {

// Edits one test endpoint's behaviour: a mode picker, only the fields that mode uses, a line on
// what the sender will see, a message line, Revert and Apply. It does not apply anything itself:
// Apply emits applyRequested() and the owner validates and hands the behaviour to the server.
// Fields keep the object names tests and the panel look them up by ("testEndpointMode", ...).
class TestEndpointBehaviourEditor final : public QWidget
{
    Q_OBJECT
public:
    explicit TestEndpointBehaviourEditor(QWidget *parent = nullptr);

    void loadBehaviour(const TestEndpointBehaviour &behaviour);
    // The fields over `base`: what the chosen mode does not show keeps base's values.
    TestEndpointBehaviour behaviour(const TestEndpointBehaviour &base) const;
    TestEndpointBehaviour loaded() const { return m_loaded; }
    // The operator changed a field since the last load or apply.
    bool isDirty() const { return m_dirty; }
    // After a successful apply: `applied` is the new baseline and the fields are clean.
    void markApplied(const TestEndpointBehaviour &applied);

    void showMessage(const QString &text, bool problem);
    QString message() const;

Q_SIGNALS:
    void applyRequested();

private:
    void updateVisibleFields();

    QFormLayout *m_form = nullptr;
    QComboBox *m_mode = nullptr;
    QSpinBox *m_status = nullptr;
    QDoubleSpinBox *m_failRate = nullptr;
    QSpinBox *m_failCount = nullptr;
    QSpinBox *m_delay = nullptr;
    QSpinBox *m_down = nullptr;
    QSpinBox *m_up = nullptr;
    QSpinBox *m_bodyBytes = nullptr;
    QSpinBox *m_bodyMs = nullptr;
    QLineEdit *m_retryAfter = nullptr;
    QLineEdit *m_body = nullptr;
    QPushButton *m_apply = nullptr;
    QPushButton *m_revert = nullptr;
    QLabel *m_hint = nullptr;      // what the sender sees in the chosen mode
    QLabel *m_message = nullptr;
    TestEndpointBehaviour m_loaded;
    bool m_dirty = false;
    bool m_loading = false;        // loadBehaviour() is setting fields: not the operator's edits
};

} // namespace hookscope

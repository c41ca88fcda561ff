#pragma once

#include "core/model/eventrecord.h"

#include <QDialog>

#include <functional>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace hookscope {

// Compose one registry event in a JSON editor and send it to the engine, like any source (every
// endpoint gets it through the broadcaster). Prefilled with a realistic generated event (a tagged
// manifest push). Validation runs on every keystroke: text that is not JSON (with line and
// column), an envelope instead of one event, and missing or mistyped required fields (id,
// timestamp, action, target, request: EventValidator) are refused with a message naming them, and
// Send stays disabled. What is sent keeps the text's key order (EventRecord::fromJson).
class EventComposerDialog final : public QDialog
{
    Q_OBJECT
public:
    // Hands the event to the engine; false with a reason when it was not taken.
    using Send = std::function<bool(const EventBlock &events, QString *error)>;

    explicit EventComposerDialog(QWidget *parent = nullptr);
    ~EventComposerDialog() override;

    void setSend(Send send) { m_send = std::move(send); }

    QString text() const;
    void setText(const QString &text);
    // Empty when the text is an event that can be sent; otherwise why not.
    QString problem() const { return m_problem; }
    QString statusText() const;
    bool canSend() const { return m_problem.isEmpty(); }

    // A fresh generated event (new id, timestamp, repository...).
    void generate();
    // Keeps the event but gives it a new id and timestamp, so the receiver does not see a repeat.
    void renewId();
    // Sends the current text; false (with the reason shown) when invalid or refused.
    bool send();

    // The validation alone, for tests and other callers: empty when `text` is a sendable event.
    static QString check(const QByteArray &text);

Q_SIGNALS:
    void sent(const QString &eventId);

private:
    void validate();
    void showStatus(const QString &text, bool error);

    QPlainTextEdit *m_editor;
    QLabel *m_status;
    QPushButton *m_sendButton;
    QPushButton *m_renewButton;
    Send m_send;
    QString m_problem;
    quint32 m_seed;
};

} // namespace hookscope

#pragma once

#include "core/model/eventrecord.h"

#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace hookscope {

class JsonHighlighter;

// A read-only, selectable, monospace view of one event's JSON, indented the way the registry's Go
// code indents it, with minimal colouring and a Copy button.
class JsonView final : public QWidget
{
    Q_OBJECT
public:
    explicit JsonView(QWidget *parent = nullptr);

    void setEvent(const EventPtr &event);
    void setJson(const QByteArray &json);   // any JSON text; shown as is when it does not parse
    void clear();

    QString text() const;
    JsonHighlighter *highlighter() const { return m_highlighter; }

Q_SIGNALS:
    void copied();

private:
    void copy();

    QPlainTextEdit *m_edit = nullptr;
    QPushButton *m_copy = nullptr;
    JsonHighlighter *m_highlighter = nullptr;
};

} // namespace hookscope

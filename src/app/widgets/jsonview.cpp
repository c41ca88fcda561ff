#include "app/widgets/jsonview.h"

#include "app/widgets/fixedpitchfont.h"
#include "app/widgets/jsonhighlighter.h"
#include "core/model/jsontext.h"

#include <QApplication>
#include <QClipboard>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace hookscope {

JsonView::JsonView(QWidget *parent)
    : QWidget(parent)
{
    m_edit = new QPlainTextEdit(this);
    m_edit->setReadOnly(true);
    m_edit->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    m_edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_edit->setFont(fixedPitchFont());
    m_highlighter = new JsonHighlighter(m_edit->document(), m_edit);

    m_copy = new QPushButton(tr("Copy"), this);
    m_copy->setToolTip(tr("Copy the whole JSON to the clipboard"));
    m_copy->setEnabled(false);
    connect(m_copy, &QPushButton::clicked, this, &JsonView::copy);

    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    buttons->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(buttons);
    layout->addWidget(m_edit, 1);
}

void JsonView::setEvent(const EventPtr &event)
{
    if (!event) {
        clear();
        return;
    }
    // The record's own indenter keeps the key order and number spelling the sender used.
    m_edit->setPlainText(QString::fromUtf8(event->indentedJson(0)));
    m_copy->setEnabled(true);
}

void JsonView::setJson(const QByteArray &json)
{
    QJsonParseError error;
    QJsonDocument::fromJson(json, &error);
    m_edit->setPlainText(error.error == QJsonParseError::NoError
                             ? QString::fromUtf8(JsonText::indent(JsonText::compact(json), 0))
                             : QString::fromUtf8(json));
    m_copy->setEnabled(!json.isEmpty());
}

void JsonView::clear()
{
    m_edit->clear();
    m_copy->setEnabled(false);
}

QString JsonView::text() const
{
    return m_edit->toPlainText();
}

void JsonView::copy()
{
    QApplication::clipboard()->setText(m_edit->toPlainText());
    Q_EMIT copied();
}

} // namespace hookscope

#include "app/widgets/jsonhighlighter.h"

#include <QEvent>
#include <QPalette>
#include <QWidget>

namespace hookscope {

JsonHighlighter::JsonHighlighter(QTextDocument *document, QWidget *editor)
    : QSyntaxHighlighter(document)
    , m_editor(editor)
{
    m_editor->installEventFilter(this);
    updateColours();
}

bool JsonHighlighter::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_editor
        && (event->type() == QEvent::PaletteChange || event->type() == QEvent::ApplicationPaletteChange)) {
        updateColours();
        rehighlight();
    }
    return QSyntaxHighlighter::eventFilter(watched, event);
}

void JsonHighlighter::updateColours()
{
    m_dark = m_editor->palette().color(QPalette::Base).lightness() < 128;
    // Two hand-picked sets: saturated and darker on light bases, pastel on dark ones; both keep a
    // contrast ratio above 4.5 against a plain white or near-black base.
    m_key.setForeground(m_dark ? QColor(0x8a, 0xb4, 0xf8) : QColor(0x1a, 0x4f, 0xa0));
    m_string.setForeground(m_dark ? QColor(0x9c, 0xd6, 0x8b) : QColor(0x2e, 0x7d, 0x32));
    m_number.setForeground(m_dark ? QColor(0xf2, 0xb8, 0x6b) : QColor(0xa0, 0x52, 0x00));
    m_literal.setForeground(m_dark ? QColor(0xd7, 0x9b, 0xf0) : QColor(0x7b, 0x1f, 0xa2));
    m_key.setFontWeight(QFont::DemiBold);
}

void JsonHighlighter::highlightBlock(const QString &text)
{
    const qsizetype n = text.size();
    qsizetype i = 0;
    while (i < n) {
        const QChar c = text.at(i);
        if (c == QLatin1Char('"')) {
            qsizetype end = i + 1;
            while (end < n && text.at(end) != QLatin1Char('"'))
                end += text.at(end) == QLatin1Char('\\') ? 2 : 1;
            end = qMin(end + 1, n);
            qsizetype after = end;
            while (after < n && text.at(after).isSpace())
                ++after;
            const bool isKey = after < n && text.at(after) == QLatin1Char(':');
            setFormat(int(i), int(end - i), isKey ? m_key : m_string);
            i = end;
        } else if (c.isDigit() || (c == QLatin1Char('-') && i + 1 < n && text.at(i + 1).isDigit())) {
            // Only a number when it starts a token, so "sha256:ab12" or "v1.2" in text stay plain.
            const bool tokenStart = i == 0 || QStringLiteral(" \t:[,").contains(text.at(i - 1));
            qsizetype end = i + 1;
            while (end < n && (text.at(end).isDigit() || QStringLiteral(".eE+-").contains(text.at(end))))
                ++end;
            if (tokenStart)
                setFormat(int(i), int(end - i), m_number);
            i = end;
        } else if (c.isLetter()) {
            qsizetype end = i;
            while (end < n && text.at(end).isLetterOrNumber())
                ++end;
            const QStringView word = QStringView(text).mid(i, end - i);
            const bool tokenStart = i == 0 || QStringLiteral(" \t:[,").contains(text.at(i - 1));
            if (tokenStart && (word == u"true" || word == u"false" || word == u"null"))
                setFormat(int(i), int(end - i), m_literal);
            i = end;
        } else {
            ++i;
        }
    }
}

} // namespace hookscope

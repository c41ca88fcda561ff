#pragma once

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace hookscope {

// Colours JSON keys, string values, numbers and literals line by line. Works on any text (headers
// plus a body, a half-cut body): it only colours what looks like JSON tokens. The palette is picked
// from the lightness of the editor's base colour so dark and light themes both stay readable.
class JsonHighlighter final : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    JsonHighlighter(QTextDocument *document, QWidget *editor);

    // Re-reads the editor's palette; call when it changes (the owner forwards PaletteChange).
    void updateColours();
    bool isDarkScheme() const { return m_dark; }

protected:
    void highlightBlock(const QString &text) override;

private:
    bool eventFilter(QObject *watched, QEvent *event) override;

    QWidget *m_editor;
    bool m_dark = false;
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_literal;
};

} // namespace hookscope

#include "app/widgets/headerrowseditor.h"

#include <QAbstractButton>
#include <QHeaderView>
#include <QLineEdit>
#include <QTableWidget>
#include <QToolButton>

#include <algorithm>

namespace hookscope {

HeaderRowsEditor::HeaderRowsEditor(QTableWidget *table, QAbstractButton *addButton,
                                   QAbstractButton *removeButton, QObject *parent)
    : QObject(parent)
    , m_table(table)
{
    m_table->setColumnCount(ColumnCount);
    QHeaderView *header = m_table->horizontalHeader();
    header->setSectionResizeMode(NameColumn, QHeaderView::Interactive);
    header->setSectionResizeMode(ValueColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(ShowColumn, QHeaderView::ResizeToContents);
    connect(addButton, &QAbstractButton::clicked, this, [this] {
        addRow(QString(), QString());
        m_table->cellWidget(m_table->rowCount() - 1, NameColumn)->setFocus();
    });
    connect(removeButton, &QAbstractButton::clicked, this, &HeaderRowsEditor::removeCurrentRow);
}

void HeaderRowsEditor::setHeaders(const QList<QPair<QString, QStringList>> &headers)
{
    m_table->setRowCount(0);
    for (const auto &header : headers) {
        if (header.second.isEmpty())
            addRow(header.first, QString()); // a valueless header still gets its row
        for (const QString &value : header.second)
            addRow(header.first, value);
    }
    Q_EMIT changed();
}

void HeaderRowsEditor::addRow(const QString &name, const QString &value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    auto *nameEdit = new QLineEdit(name, m_table);
    nameEdit->setObjectName(QStringLiteral("headerName"));
    nameEdit->setPlaceholderText(tr("Authorization"));
    auto *valueEdit = new QLineEdit(value, m_table);
    valueEdit->setObjectName(QStringLiteral("headerValue"));
    // Tokens must not show on a shared screen or in a screenshot unless asked for, row by row.
    valueEdit->setEchoMode(QLineEdit::Password);
    auto *show = new QToolButton(m_table);
    show->setObjectName(QStringLiteral("headerShow"));
    show->setText(tr("Show"));
    show->setCheckable(true);
    show->setToolTip(tr("Show this value in clear text"));
    connect(show, &QToolButton::toggled, valueEdit, [valueEdit, show](bool shown) {
        valueEdit->setEchoMode(shown ? QLineEdit::Normal : QLineEdit::Password);
        show->setText(shown ? tr("Hide") : tr("Show"));
    });
    connect(nameEdit, &QLineEdit::textChanged, this, &HeaderRowsEditor::changed);
    connect(valueEdit, &QLineEdit::textChanged, this, &HeaderRowsEditor::changed);
    m_table->setCellWidget(row, NameColumn, nameEdit);
    m_table->setCellWidget(row, ValueColumn, valueEdit);
    m_table->setCellWidget(row, ShowColumn, show);
    Q_EMIT changed();
}

void HeaderRowsEditor::removeCurrentRow()
{
    int row = m_table->currentRow();
    // Focus sits in a cell's line edit, which does not move the table's current row.
    for (int r = 0; r < m_table->rowCount(); ++r) {
        for (int c = 0; c < ColumnCount; ++c) {
            if (m_table->cellWidget(r, c) && m_table->cellWidget(r, c)->hasFocus())
                row = r;
        }
    }
    if (row < 0)
        row = m_table->rowCount() - 1;
    if (row < 0)
        return;
    m_table->removeRow(row);
    Q_EMIT changed();
}

QString HeaderRowsEditor::textAt(int row, Column column) const
{
    const auto *edit = qobject_cast<const QLineEdit *>(m_table->cellWidget(row, column));
    return edit ? edit->text() : QString();
}

QList<QPair<QString, QStringList>> HeaderRowsEditor::headers() const
{
    QList<QPair<QString, QStringList>> headers;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = textAt(row, NameColumn);
        const QString value = textAt(row, ValueColumn);
        if (name.isEmpty())
            continue; // an untouched new row; a value without a name is flagged by check()
        auto it = std::find_if(headers.begin(), headers.end(),
                               [&name](const auto &header) { return header.first == name; });
        if (it == headers.end())
            it = headers.insert(headers.end(), {name, QStringList()});
        if (!value.isEmpty())
            it->second.append(value);
    }
    return headers;
}

FieldCheck HeaderRowsEditor::check() const
{
    FieldCheck all;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const FieldCheck one = checkHeaderRow(textAt(row, NameColumn), textAt(row, ValueColumn));
        all.add(one.severity, one.message);
    }
    return all;
}

} // namespace hookscope

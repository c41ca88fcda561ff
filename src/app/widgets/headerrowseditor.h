#pragma once

#include "app/widgets/endpointchecks.h"

#include <QList>
#include <QObject>
#include <QPair>
#include <QStringList>

class QAbstractButton;
class QTableWidget;

namespace hookscope {

// Drives the endpoint editor's headers table: one row per header value (name, masked value, a
// per-row Show toggle), so a header with two values is two rows with the same name, which is
// how http.Header lists them. Kept apart from the dialog to keep each piece small.
//
// A row with a name and no value is a header without values (the registry sends nothing for it);
// a header written as [""] therefore comes back as [], the one shape this table cannot express.
class HeaderRowsEditor final : public QObject
{
    Q_OBJECT
public:
    enum Column { NameColumn, ValueColumn, ShowColumn, ColumnCount };

    HeaderRowsEditor(QTableWidget *table, QAbstractButton *addButton,
                     QAbstractButton *removeButton, QObject *parent);

    void setHeaders(const QList<QPair<QString, QStringList>> &headers);
    // Rows grouped by name in first-appearance order; rows with neither name nor value are skipped.
    QList<QPair<QString, QStringList>> headers() const;
    // All rows' findings together (errors: value without name, invalid name, line breaks).
    FieldCheck check() const;

    void addRow(const QString &name, const QString &value);
    void removeCurrentRow();

Q_SIGNALS:
    void changed();

private:
    QString textAt(int row, Column column) const;

    QTableWidget *m_table;
};

} // namespace hookscope

#pragma once

#include "app/sessionjournal.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace hookscope {

// "Durable queues for new sessions…": whether sessions started without a hookscope.journal in
// their configuration keep their queues in a journal, and which file. It says what this session
// does now and that the choice takes effect at the next start. The file is checked when hookscope
// starts, by the journal itself (same refusals as a configured journal).
class DurableSessionsDialog final : public QDialog
{
    Q_OBJECT
public:
    DurableSessionsDialog(const SessionJournal &current, const QString &preferredPath, QWidget *parent = nullptr);

    // The journal for new sessions; empty when durable queues are off.
    QString preferredPath() const;
    QString problem() const { return m_problem; }   // why OK was refused, empty otherwise

    QCheckBox *enabledBox() const { return m_enabled; }
    QLineEdit *pathField() const { return m_path; }

    // Reads the preference from QSettings, shows the dialog, stores the answer. True when it changed.
    static bool edit(const SessionJournal &current, QWidget *parent);

public Q_SLOTS:
    void accept() override;

private:
    void browse();
    void updateWidgets();

    QCheckBox *m_enabled;
    QLineEdit *m_path;
    QPushButton *m_browse;
    QLabel *m_error;
    QString m_problem;
};

} // namespace hookscope

#pragma once

#include <QDialog>

class QComboBox;
class QLabel;

namespace hookscope {

// Chooses where dead letters go and confirms it in one step: the target endpoint (the one they
// came from unless changed) and a sentence that says how many events move, from where, to where.
class ReplayTargetDialog final : public QDialog
{
    Q_OBJECT
public:
    // `what` says which dead letters ("3 selected", "matching action push"); `count` how many.
    ReplayTargetDialog(const QString &source, const QStringList &endpoints, int count, const QString &what,
                       QWidget *parent = nullptr);

    QString target() const;
    void setTarget(const QString &name);
    QString summary() const;   // the confirmation sentence as shown
    QComboBox *targetField() const { return m_target; }

private:
    void updateSummary();

    QString m_source;
    int m_count;
    QString m_what;
    QComboBox *m_target;
    QLabel *m_summary;
};

} // namespace hookscope

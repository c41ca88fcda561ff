#pragma once

#include "core/engine/deadletterfilter.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;
class QToolButton;

namespace hookscope {

// The Dead letters panel's filter fields: action, repository (substring or glob), media type,
// time range and last status. Every edit produces a new DeadLetterFilter at once so the view
// follows as one types. A last-status text that does not parse is marked on its field (with the
// reason in the tooltip) and leaves the previous status criterion in force, so a half-typed
// "50" never empties or widens the list by surprise.
class DeadLetterFilterBar final : public QWidget
{
    Q_OBJECT
public:
    explicit DeadLetterFilterBar(QWidget *parent = nullptr);

    DeadLetterFilter filter() const { return m_filter; }
    QString statusError() const { return m_statusError; }   // empty when the status field parses

    QComboBox *actionField() const { return m_action; }
    QLineEdit *repositoryField() const { return m_repository; }
    QLineEdit *mediaTypeField() const { return m_mediaType; }
    QCheckBox *fromEnabled() const { return m_fromOn; }
    QDateTimeEdit *fromField() const { return m_from; }
    QCheckBox *toEnabled() const { return m_toOn; }
    QDateTimeEdit *toField() const { return m_to; }
    QLineEdit *statusField() const { return m_status; }

public Q_SLOTS:
    void clearFilter();

Q_SIGNALS:
    void filterChanged(const hookscope::DeadLetterFilter &filter);

private:
    void rebuild();
    static QString statusTip();   // the status field's tooltip while what it holds parses

    QComboBox *m_action;
    QLineEdit *m_repository;
    QLineEdit *m_mediaType;
    QCheckBox *m_fromOn;
    QDateTimeEdit *m_from;
    QCheckBox *m_toOn;
    QDateTimeEdit *m_to;
    QLineEdit *m_status;
    QToolButton *m_clear;
    DeadLetterFilter m_filter;
    QString m_statusError;
    bool m_clearing = false;
};

} // namespace hookscope

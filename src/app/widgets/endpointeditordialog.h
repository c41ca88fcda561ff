#pragma once

#include "core/config/endpointconfig.h"

#include <QDialog>
#include <QStringList>

#include <memory>

class QCheckBox;
class QLabel;

namespace Ui {
class EndpointEditorDialog;
}

namespace hookscope {

struct FieldCheck;
class HeaderRowsEditor;

// Adds or edits one notification endpoint. Validation is inline: every field has a hint label under
// it (red: error, blocks OK; yellow: warning, does not), all recomputed in updateWidgets(). Parsing
// and defaults come from core (parseGoDuration, the registry's defaults in EndpointConfig), so what
// the dialog accepts is what the loader accepts and config() round-trips what setConfig() got.
//
// The caller applies the result (e.g. EngineHost::post(... updateEndpoint ...)) after exec() or
// accepted(); the dialog never touches the engine.
class EndpointEditorDialog final : public QDialog
{
    Q_OBJECT
public:
    enum Mode { Add, Edit };

    explicit EndpointEditorDialog(QWidget *parent);
    ~EndpointEditorDialog() override;

    void setMode(Mode mode);
    Mode mode() const { return m_mode; }

    // Fills every field. In Edit mode the endpoint's own name does not count as a duplicate.
    void setConfig(const EndpointConfig &config);
    // The edited endpoint with effective values (defaults applied); meaningful when !hasErrors().
    EndpointConfig config() const;

    // Names of the other endpoints, for the duplicate-name check.
    void setExistingNames(const QStringList &names);

    bool hasErrors() const { return m_errorCount > 0; }

    // Refuses while a field has an error: OK is disabled then, but accept() can come from code.
    void accept() override;

    // Media types offered in the "ignore" combo: blobs and the manifest types the registry reports.
    static QStringList suggestedMediaTypes();

private:
    struct Checks;

    // The one place that judges every field and shows the result (hints, tab marks, OK button).
    void updateWidgets();
    Checks runChecks() const;
    int showCheck(QLabel *hint, const FieldCheck &check);
    void addMediaType(const QString &mediaType, bool legacy);
    void addMediaTypeFromCombo();
    QList<QCheckBox *> actionBoxes() const; // push, pull, delete, mount

    std::unique_ptr<Ui::EndpointEditorDialog> m_ui;
    HeaderRowsEditor *m_headers = nullptr;
    Mode m_mode = Add;
    EndpointConfig m_loaded; // what a field with an error falls back to in config()
    QString m_originalName;
    QStringList m_existingNames;
    // ignore.actions as loaded: keeps their order and any value that has no checkbox, so a
    // round trip gives back exactly what came in.
    QStringList m_loadedActions;
    int m_errorCount = 0;
};

} // namespace hookscope

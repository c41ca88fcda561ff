#pragma once

#include "sources/replayer.h"
#include "sources/replayloader.h"

#include <QDialog>

#include <functional>

class QComboBox;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;

namespace hookscope {

// File → Replay…: pick files or a folder of captured envelopes (the fixture format, NDJSON) and a
// pace, then publish them into the engine. Every file is read before anything is published; a
// malformed one is listed with its line and publishes nothing, the others go ahead.
class ReplayDialog final : public QDialog
{
    Q_OBJECT
public:
    // Hands the loaded envelopes to the engine (which replays them at `pace`).
    using Publish = std::function<void(const QList<ReplayEnvelope> &envelopes, Replayer::Pace pace)>;

    explicit ReplayDialog(QWidget *parent = nullptr);
    ~ReplayDialog() override;

    void setPublish(Publish publish) { m_publish = std::move(publish); }

    void setPaths(const QStringList &paths);
    QStringList paths() const;
    void setPace(Replayer::Pace pace);
    Replayer::Pace pace() const;
    void setFormat(ReplayFormat format);

    // Loads and publishes; returns how many events went to the engine (0 when none could).
    int start();
    QString report() const;

private:
    void chooseFiles();
    void chooseFolder();
    void updateButtons();

    QLineEdit *m_paths;
    QComboBox *m_format;
    QComboBox *m_pace;
    QPushButton *m_start;
    QPlainTextEdit *m_report;
    Publish m_publish;
};

} // namespace hookscope

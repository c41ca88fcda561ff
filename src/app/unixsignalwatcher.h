#pragma once

#include <QObject>

class QSocketNotifier;

namespace hookscope {

// Turns SIGINT/SIGTERM into a Qt signal on the main thread (self-pipe: the handler only writes one
// byte, everything else happens in the event loop, where it is safe).
class UnixSignalWatcher final : public QObject
{
    Q_OBJECT
public:
    explicit UnixSignalWatcher(QObject *parent = nullptr);
    ~UnixSignalWatcher() override;

Q_SIGNALS:
    void terminationRequested(int signalNumber);

private:
    void readSignal();
    QSocketNotifier *m_notifier = nullptr;
};

} // namespace hookscope

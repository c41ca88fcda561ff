#pragma once

#include "core/base/tlsoptions.h"

#include <QSslConfiguration>
#include <QStringList>

namespace hookscope {

// What an https:// endpoint's connections are made with: the system roots plus the endpoint's CA
// file, its client certificate and key, the name to verify, and whether to verify at all. Built
// once per settings change from TlsOptions; a file that cannot be read or does not hold what its
// key says is an error naming the file (the config loader refuses the endpoint with it).
class TlsClientSettings
{
public:
    TlsClientSettings();
    // Reads the files named in `options`; `errors` gets one line per problem.
    static TlsClientSettings load(const TlsOptions &options, QStringList *errors);

    const QSslConfiguration &configuration() const { return m_configuration; }
    const QString &serverName() const { return m_serverName; }
    bool insecure() const { return m_insecure; }

private:
    QSslConfiguration m_configuration;
    QString m_serverName;
    bool m_insecure = false;
};

} // namespace hookscope

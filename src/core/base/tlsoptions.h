#pragma once

#include <QString>

namespace hookscope {

// An endpoint's `tls:` keys as the file has them (hookscope only; the registry ignores them).
// File names are absolute once the config is loaded.
struct TlsOptions
{
    QString caFile;       // PEM roots added to (not instead of) the system roots
    QString certFile;     // a client certificate (PEM), with keyFile
    QString keyFile;
    QString serverName;   // SNI and the name the certificate must carry; empty: the URL's host
    bool insecure = false;   // no verification, for this endpoint only

    bool isSet() const { return !caFile.isEmpty() || !certFile.isEmpty() || !keyFile.isEmpty() || !serverName.isEmpty() || insecure; }
    bool operator==(const TlsOptions &other) const
    {
        return caFile == other.caFile && certFile == other.certFile && keyFile == other.keyFile
            && serverName == other.serverName && insecure == other.insecure;
    }
};

} // namespace hookscope

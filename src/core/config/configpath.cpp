#include "core/config/configpath.h"

#include <QDir>
#include <QFileInfo>

namespace hookscope {

QString resolveConfigPath(const QString &configFile, const QString &written)
{
    if (written.isEmpty() || !QFileInfo(written).isRelative())
        return written;
    const QFileInfo file(configFile);
    if (configFile.isEmpty() || !file.exists())
        return written;
    return QDir::cleanPath(file.absoluteDir().filePath(written));
}

} // namespace hookscope

#include "core/model/jsonparse.h"

#include <QJsonDocument>

namespace hookscope {

using namespace Qt::StringLiterals;

QString parseJsonObject(const QByteArray &text, QJsonObject *object,
                        const QString &notObjectMessage)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (error.error == QJsonParseError::NoError) {
        if (!doc.isObject())
            return notObjectMessage;
        *object = doc.object();
        return QString();
    }
    if (text.trimmed().isEmpty())
        return u"not JSON: empty body"_s;
    // A lone string/number/literal is valid JSON that Qt will not take at the top level; wrapping
    // it tells that case apart. Only reached on the error path.
    QJsonParseError wrappedError;
    QJsonDocument::fromJson('[' + text + ']', &wrappedError);
    if (wrappedError.error == QJsonParseError::NoError)
        return notObjectMessage;
    return u"not JSON: "_s + error.errorString() + u" at offset "_s + QString::number(error.offset);
}

} // namespace hookscope

#include "sources/orderedjson.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace hookscope {

OrderedJson &OrderedJson::add(const char *key, const QByteArray &jsonText)
{
    if (!m_text.isEmpty())
        m_text += ',';
    m_text += scalar(QString::fromUtf8(key)) + ':' + jsonText;
    return *this;
}

QByteArray OrderedJson::scalar(const QJsonValue &value)
{
    // Let QJsonDocument do the escaping and number formatting: wrap in an array, then unwrap.
    QByteArray text = QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
    text = text.mid(1, text.size() - 2);
    if (value.isString()) {
        // Go's encoder escapes these for HTML safety; do the same so our bytes equal the
        // registry's (inside a JSON string they can only be literal characters).
        text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e");
        text.replace("\xe2\x80\xa8", "\\u2028").replace("\xe2\x80\xa9", "\\u2029");
    }
    return text;
}

QByteArray OrderedJson::stringList(const QStringList &values)
{
    return QJsonDocument(QJsonArray::fromStringList(values)).toJson(QJsonDocument::Compact);
}

QByteArray OrderedJson::stringListOrNull(const QStringList &values)
{
    return values.isEmpty() ? QByteArrayLiteral("null") : stringList(values);
}

} // namespace hookscope

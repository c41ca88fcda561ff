#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QStringList>

namespace hookscope {

// Compact JSON text built in a chosen key order. QJsonObject sorts its keys, but the registry's
// expvar output follows Go struct field order, and we want to read the same as a registry does.
class OrderedJson
{
public:
    OrderedJson &add(const char *key, const QByteArray &jsonText);
    OrderedJson &add(const char *key, const QJsonValue &value) { return add(key, scalar(value)); }
    // One overload per type: without them a bool or a double would silently pick qint64.
    OrderedJson &add(const char *key, qint64 value) { return add(key, QByteArray::number(value)); }
    OrderedJson &add(const char *key, int value) { return add(key, qint64(value)); }
    OrderedJson &add(const char *key, bool value) { return add(key, QJsonValue(value)); }
    OrderedJson &add(const char *key, double value) { return add(key, QJsonValue(value)); }
    OrderedJson &add(const char *key, const QString &value) { return add(key, QJsonValue(value)); }
    QByteArray toJson() const { return '{' + m_text + '}'; }

    static QByteArray scalar(const QJsonValue &value);            // a string, number, bool or null
    static QByteArray stringList(const QStringList &values);       // ["a","b"]
    static QByteArray stringListOrNull(const QStringList &values); // null when empty (Go nil slice)

private:
    QByteArray m_text;
};

} // namespace hookscope

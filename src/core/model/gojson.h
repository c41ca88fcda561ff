#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QStringList>
#include <QStringView>

#include <initializer_list>

namespace hookscope {

// Writers that spell JSON the way Go 1.19's encoding/json does (the compiler registry 2.8.2 was
// built with), so events hookscope composes look exactly like the registry's own.
namespace GoJson {

// A quoted string: \" \\ \n \r \t, other control bytes as \u00XX (lower-case hex), <, >, & as
// \u003c \u003e \u0026, U+2028/U+2029 escaped; a lone surrogate becomes U+FFFD like Go's
// invalid-UTF-8 rule. Everything else is raw UTF-8.
void appendString(QByteArray &out, QStringView text);

// Integral values as integers; others the way Go formats float64 ('f' within [1e-6, 1e21), else
// exponent form with a minimal exponent).
void appendNumber(QByteArray &out, const QJsonValue &number);

// Any value. Objects are written with keys sorted by their UTF-8 bytes, which is how Go orders the
// keys of a map.
void appendValue(QByteArray &out, const QJsonValue &value);

// Writes object members with the `first` keys in that order (those present), then the rest sorted
// as in appendValue. `writeValue(key, value)` writes one member's value, so callers can order
// nested objects too.
template<typename WriteValue>
void appendOrderedObject(QByteArray &out, const QJsonObject &object,
                         std::initializer_list<QStringView> first, WriteValue writeValue);

QStringList sortedKeys(const QJsonObject &object);   // by UTF-8 bytes, as Go sorts map keys

} // namespace GoJson

template<typename WriteValue>
void GoJson::appendOrderedObject(QByteArray &out, const QJsonObject &object,
                                 std::initializer_list<QStringView> first, WriteValue writeValue)
{
    out.append('{');
    bool separator = false;
    const auto member = [&](const QString &key, const QJsonValue &value) {
        if (separator)
            out.append(',');
        separator = true;
        appendString(out, key);
        out.append(':');
        writeValue(key, value);
    };
    for (QStringView key : first) {
        const QString k = key.toString();
        const auto it = object.constFind(k);
        if (it != object.constEnd())
            member(k, it.value());
    }
    for (const QString &key : sortedKeys(object)) {
        bool known = false;
        for (QStringView k : first)
            known = known || k == key;
        if (!known)
            member(key, object.value(key));
    }
    out.append('}');
}

} // namespace hookscope

#pragma once

#include <QString>
#include <QStringList>

class QUrl;

namespace hookscope {

// Header values are masked wherever hookscope shows them (admin /debug/vars, attempt log, UI):
// the registry prints its Authorization tokens in clear text; we do not.
// "Bearer abc123" -> "Bearer ******"; any other value -> "******"; empty stays empty.
QString maskHeaderValue(const QString &value);
QStringList maskHeaderValues(const QStringList &values);

// URLs are masked wherever hookscope shows them (window, attempt log, exports, /debug/vars,
// /metrics, logs, lint): a userinfo password and the value of every query or fragment parameter
// whose key looks like a secret become "***". Everything else stays exactly as written, so an
// operator still recognises the endpoint; a URL without secrets comes back unchanged. Only for
// display: the URL a request goes to is never masked. Works on the text, so an invalid URL (a
// typo in a config file) is masked too.
//   http://user:pw@host/p?token=abc&x=1#frag -> http://user:***@host/p?token=***&x=1#frag
QString maskUrl(const QString &url);
QString maskUrl(const QUrl &url);

// Masks every URL ("scheme://..." up to white space or a quote) inside free text: error strings
// from Qt name the URL they failed on, and log lines quote it.
QString maskUrlsInText(const QString &text);

// True for a query key whose value is a credential, case-insensitive after percent-decoding: the
// key is one of token, key, apikey, secret, password, passwd, sig, signature, auth, access_token,
// or ends with one of them after a separator ("_", "-", ".") or as a camelCase word: api_key,
// X-Amz-Signature, X-Amz-Security-Token, client_secret, refresh_token, apiKey, sessionToken.
// "monkey" or "keyboard" are not secrets.
bool isSecretQueryKey(const QString &key);

inline constexpr char MaskedSecret[] = "***";

} // namespace hookscope

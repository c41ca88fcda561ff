#include "core/model/httpstatus.h"

namespace hookscope {

using namespace Qt::StringLiterals;

QString httpStatusText(int code)
{
    switch (code) {
    case 100: return u"Continue"_s;
    case 101: return u"Switching Protocols"_s;
    case 102: return u"Processing"_s;
    case 103: return u"Early Hints"_s;

    case 200: return u"OK"_s;
    case 201: return u"Created"_s;
    case 202: return u"Accepted"_s;
    case 203: return u"Non-Authoritative Information"_s;
    case 204: return u"No Content"_s;
    case 205: return u"Reset Content"_s;
    case 206: return u"Partial Content"_s;
    case 207: return u"Multi-Status"_s;
    case 208: return u"Already Reported"_s;
    case 226: return u"IM Used"_s;

    case 300: return u"Multiple Choices"_s;
    case 301: return u"Moved Permanently"_s;
    case 302: return u"Found"_s;
    case 303: return u"See Other"_s;
    case 304: return u"Not Modified"_s;
    case 305: return u"Use Proxy"_s;
    case 307: return u"Temporary Redirect"_s;
    case 308: return u"Permanent Redirect"_s;

    case 400: return u"Bad Request"_s;
    case 401: return u"Unauthorized"_s;
    case 402: return u"Payment Required"_s;
    case 403: return u"Forbidden"_s;
    case 404: return u"Not Found"_s;
    case 405: return u"Method Not Allowed"_s;
    case 406: return u"Not Acceptable"_s;
    case 407: return u"Proxy Authentication Required"_s;
    case 408: return u"Request Timeout"_s;
    case 409: return u"Conflict"_s;
    case 410: return u"Gone"_s;
    case 411: return u"Length Required"_s;
    case 412: return u"Precondition Failed"_s;
    case 413: return u"Request Entity Too Large"_s;
    case 414: return u"Request URI Too Long"_s;
    case 415: return u"Unsupported Media Type"_s;
    case 416: return u"Requested Range Not Satisfiable"_s;
    case 417: return u"Expectation Failed"_s;
    case 418: return u"I'm a teapot"_s;
    case 421: return u"Misdirected Request"_s;
    case 422: return u"Unprocessable Entity"_s;
    case 423: return u"Locked"_s;
    case 424: return u"Failed Dependency"_s;
    case 425: return u"Too Early"_s;
    case 426: return u"Upgrade Required"_s;
    case 428: return u"Precondition Required"_s;
    case 429: return u"Too Many Requests"_s;
    case 431: return u"Request Header Fields Too Large"_s;
    case 451: return u"Unavailable For Legal Reasons"_s;

    case 500: return u"Internal Server Error"_s;
    case 501: return u"Not Implemented"_s;
    case 502: return u"Bad Gateway"_s;
    case 503: return u"Service Unavailable"_s;
    case 504: return u"Gateway Timeout"_s;
    case 505: return u"HTTP Version Not Supported"_s;
    case 506: return u"Variant Also Negotiates"_s;
    case 507: return u"Insufficient Storage"_s;
    case 508: return u"Loop Detected"_s;
    case 510: return u"Not Extended"_s;
    case 511: return u"Network Authentication Required"_s;
    }
    return QString();
}

QString httpStatusKey(int code)
{
    return QString::number(code) + u' ' + httpStatusText(code);
}

} // namespace hookscope

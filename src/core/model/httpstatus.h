#pragma once
// TEMPORARY stand-in until the model work lands.
#include <QString>
namespace hookscope {
QString httpStatusText(int code);
QString httpStatusKey(int code);
}

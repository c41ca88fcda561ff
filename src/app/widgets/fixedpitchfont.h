#pragma once

#include <QFont>

namespace hookscope {

// The font for JSON, request and response text: the platform's fixed font, asked for as fixed
// pitch with a monospace style hint, so that whatever fontconfig resolves "monospace" to on this
// machine (DejaVu Sans Mono, Noto Sans Mono, ...) the request itself says what we mean.
QFont fixedPitchFont();

} // namespace hookscope

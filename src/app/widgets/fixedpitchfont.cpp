#include "app/widgets/fixedpitchfont.h"

#include <QFontDatabase>

namespace hookscope {

QFont fixedPitchFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setStyleHint(QFont::Monospace, font.styleStrategy());
    font.setFixedPitch(true);
    return font;
}

} // namespace hookscope

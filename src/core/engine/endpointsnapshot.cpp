#include "core/engine/endpointsnapshot.h"

namespace hookscope {

} // namespace hookscope

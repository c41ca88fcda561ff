#include "model/eventrecord.h"
#include "model/event.h"
// Placeholder implementation, replaced by the model work.

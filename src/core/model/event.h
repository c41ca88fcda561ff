#pragma once
// Placeholder: the model helper defines the Event value type here.
namespace hookscope { class Event {}; }

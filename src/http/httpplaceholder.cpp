// Replaced by the HTTP server sources.
namespace hookscope { int httpPlaceholder() { return 0; } }

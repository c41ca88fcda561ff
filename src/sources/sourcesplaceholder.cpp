namespace hookscope { int sourcesPlaceholder() { return 0; } }

namespace hookscope { int supportPlaceholder() { return 0; } }

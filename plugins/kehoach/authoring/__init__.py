"""Writing plans: import from documents, a new year's plan, what a change does."""

"""The task app's pages, one module per page family: task pages, my tasks and offline reporting, import."""

"""The task app's forms, one module per page family; views import them from their module."""

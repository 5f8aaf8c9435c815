from django import template

register = template.Library()


@register.filter
def marked(text, search):
    """The text escaped, the words of the search (a tasks.search.Query) in <mark>."""
    return search.marks(text) if search else text

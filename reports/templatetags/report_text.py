"""Filters of the report's templates."""

from django import template

from .. import bodies

register = template.Library()
register.filter("unbroken", bodies.unbroken)

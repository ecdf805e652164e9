"""Small look-ups for the score widget's form: a ticked action's month and its menu."""

from django import template

register = template.Library()


@register.filter
def get_item(mapping, key):
    return mapping.get(key)


@register.filter
def when_options(form, action_id):
    return form.when_options(action_id)


@register.filter
def lower_first(text):
    """ "A person elsewhere in China" -> "a person elsewhere in China": a label inside a sentence."""
    return text[:1].lower() + text[1:]

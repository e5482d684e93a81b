"""Tables that fit a phone: ``{% scroll_region "Actions" %}<table>…</table>{% endscroll_region %}``.

A wide GOV.UK table inside the region scrolls on its own instead of making the whole page
scroll sideways (WCAG 1.4.10, reflow). The region is labelled and focusable, so a keyboard
user can scroll it with the arrow keys and a screen reader announces what it holds.
"""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.tag
def scroll_region(parser, token):
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the region's label")
    nodelist = parser.parse(("endscroll_region",))
    parser.delete_first_token()
    return ScrollRegionNode(parser.compile_filter(bits[1]), nodelist)


class ScrollRegionNode(template.Node):
    def __init__(self, label, nodelist):
        self.label = label
        self.nodelist = nodelist

    def render(self, context):
        return format_html(
            '<div class="app-scroll-region" role="region" aria-label="{}" tabindex="0">{}</div>',
            self.label.resolve(context),
            self.nodelist.render(context),
        )

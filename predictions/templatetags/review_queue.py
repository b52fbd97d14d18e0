"""The admin's count of candidates waiting for review (shown on the index page)."""

from django import template

from predictions.admin_review import queue_url, waiting_candidates

register = template.Library()


@register.inclusion_tag("admin/predictions/waiting.html", takes_context=True)
def review_queue_notice(context):
    user = context["request"].user
    if not user.has_perm("predictions.review_prediction"):
        return {"show": False}
    return {"show": True, "waiting": waiting_candidates().count(), "url": queue_url()}

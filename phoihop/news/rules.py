"""Who may do what with articles.

- read: a published article (or a scheduled one whose time has come) is open to
  everybody; drafts, scheduled and withdrawn articles only to the users of the agency
  that owns the article and to administrators (`Article.objects.visible_to`, in the
  query, so a hidden article is a 404);
- write and publish: the agency's news editors (role "editor") and administrators;
- import an old article through extraction (which also creates a program, review or
  activity): officers and leaders of an agency, editors and administrators.
"""

import rules

from phoihop.core.rules import STAFF_ROLES, is_admin


@rules.predicate
def is_editor(user) -> bool:
    return bool(user.is_authenticated and user.agency_id and user.role == "editor")


@rules.predicate
def is_agency_editor(user, article) -> bool:
    return bool(is_editor(user) and article.agency_id == user.agency_id)


@rules.predicate
def is_agency_member(user) -> bool:
    return bool(user.is_authenticated and user.agency_id and user.role in (*STAFF_ROLES, "editor"))


can_write_articles = is_admin | is_editor
can_edit_article = is_admin | is_agency_editor
can_import_articles = is_admin | is_agency_member

rules.add_perm("news.add_article", can_write_articles)
rules.add_perm("news.change_article", can_edit_article)

"""The fragment cache's generations (decision 49): every model of the project's apps finds the partnership a
write to it changes, and a write moves that partnership's generation on once its transaction commits."""

import datetime
from pathlib import Path

import pytest
from django.core.cache import cache
from django.db import transaction

from neglect_portal import fragments
from tests import factories as f

LABELS = sorted(m._meta.label for m in fragments.project_models())


@pytest.mark.parametrize("label", LABELS)
def test_every_model_of_the_project_finds_its_partnership_or_says_that_no_fragment_shows_it(label):
    """A new model must reach its partnership (a ``partnership_lookup`` or a foreign key that leads to one), or be
    listed in ``fragments.NOT_SHOWN``; a history record is written with its object, which moves the generation."""
    model = next(m for m in fragments.project_models() if m._meta.label == label)
    if fragments.is_history(model):
        model = model.instance_type
    if model._meta.label == "accounts.User":
        return  # a person's every partnership, through their memberships
    assert fragments.partnership_path(model) is not None or label in fragments.NOT_SHOWN, (
        f"{label}: give it a way to its partnership, or add it to fragments.NOT_SHOWN if no cached fragment shows it"
    )


def test_the_models_not_shown_are_models_of_the_project():
    assert set(LABELS) >= fragments.NOT_SHOWN


def test_a_write_moves_the_generation_on_when_its_transaction_commits_and_not_before(cast, commit):
    commit()
    before = fragments.generation(cast.partnership.pk)
    other = fragments.generation(cast.other.pk)
    with transaction.atomic():
        f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Toolkit launched.")
    assert fragments.generation(cast.partnership.pk) == before  # the test's own transaction is still open
    commit()
    assert fragments.generation(cast.partnership.pk) > before
    assert fragments.generation(cast.other.pk) == other


def test_a_transaction_moves_each_partnership_on_once_however_many_rows_it_writes(
    cast, commit, django_capture_on_commit_callbacks
):
    commit()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        for n in range(5):
            f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative=f"Update {n}.")
    assert len([c for c in callbacks if isinstance(c, fragments._MoveOn)]) == 1


def test_a_generation_the_cache_lost_starts_again_above_the_one_it_had(cast):
    before = fragments.generation(cast.partnership.pk)
    cache.clear()
    assert fragments.generation(cast.partnership.pk) > before


def test_signing_in_changes_no_fragment_but_a_new_name_does(cast, commit, django_capture_on_commit_callbacks):
    commit()
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cast.lee.save(update_fields=["last_login"])
    assert callbacks == []
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        cast.lee.last_name = "Renamed"
        cast.lee.save()
    assert [c.partnership_id for c in callbacks] == [cast.partnership.pk]


UNREACHABLE = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": "redis://127.0.0.1:1/0"}
}


def test_with_the_cache_unreachable_a_fragment_is_drawn_and_a_write_still_commits(cast, commit, settings):
    commit()
    settings.CACHES = UNREACHABLE
    drawn = fragments.fragment(
        "test.unreachable", cast.partnership.pk, datetime.date(2026, 11, 23), (), lambda: {"a": "A"}
    )
    assert drawn == {"a": "A"}
    f.ProgressUpdateFactory(action=cast.a21, author=cast.lee, narrative="Toolkit launched.")
    commit()  # the generation could not be moved on: logged, and the write stands
    assert cast.a21.updates.filter(narrative="Toolkit launched.").exists()


def test_a_new_release_draws_afresh_what_the_one_before_kept(cast, commit, monkeypatch):
    commit()
    drawn = []

    def draw():
        drawn.append(1)
        return {"html": "<p>drawn</p>"}

    def look():
        return fragments.fragment("test.release", cast.partnership.pk, datetime.date(2026, 11, 30), (), draw)

    monkeypatch.setattr(fragments, "release", lambda: "release-1")
    look(), look()
    monkeypatch.setattr(fragments, "release", lambda: "release-2")
    look()
    assert len(drawn) == 2


def test_the_release_is_the_projects_code_and_templates_and_nothing_outside_them(settings, tmp_path):
    fragments.release.cache_clear()
    before = fragments.release()
    probe = Path(settings.BASE_DIR) / "templates" / "includes" / "_release_probe.html"
    try:
        probe.write_text("<p>A template of the next release.</p>")
        fragments.release.cache_clear()
        assert fragments.release() != before
    finally:
        probe.unlink()
    (tmp_path / "elsewhere.py").write_text("x = 1\n")  # a file outside the project changes nothing
    fragments.release.cache_clear()
    assert fragments.release() == before

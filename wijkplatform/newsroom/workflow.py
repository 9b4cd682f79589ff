"""The editorial workflow as a state machine, in one place.

    draft -> submitted -> in review (an editor claims it) -> changes requested -> submitted -> ...
          in review -> approved -> scheduled -> published -> unpublished -> draft
                                \\-> published (correct: stays published with a correction note)

`STEPS` says, for every action, from which states it may start, where it leads, and which capability it
needs. `services.story_transition` is the only code that moves a story; it refuses anything else.
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .models import Story

S = Story.Status


class WorkflowError(ValidationError):
    """A step that does not fit the story's state (the view answers 409 Conflict)."""


class StoryConflict(ValidationError):
    """Someone else saved the story since this person opened it (the view answers 409 and keeps the text)."""


@dataclass(frozen=True)
class Step:
    sources: frozenset
    target: str
    capability: str
    label: str
    reporter_only: bool = False  # only the story's own reporter
    not_own: bool = False  # never on one's own story
    needs_note: bool = False


STEPS = {
    "submit": Step(
        frozenset({S.DRAFT, S.CHANGES_REQUESTED}),
        S.SUBMITTED,
        "story.write",
        _("Submit for review"),
        reporter_only=True,
    ),
    "claim": Step(frozenset({S.SUBMITTED}), S.IN_REVIEW, "story.review", _("Claim the review"), not_own=True),
    "request_changes": Step(
        frozenset({S.IN_REVIEW}),
        S.CHANGES_REQUESTED,
        "story.review",
        _("Ask for changes"),
        not_own=True,
        needs_note=True,
    ),
    "approve": Step(frozenset({S.IN_REVIEW}), S.APPROVED, "story.review", _("Approve"), not_own=True),
    "schedule": Step(frozenset({S.APPROVED}), S.SCHEDULED, "story.publish", _("Schedule")),
    "unschedule": Step(frozenset({S.SCHEDULED}), S.APPROVED, "story.publish", _("Cancel the schedule")),
    "publish": Step(
        frozenset({S.APPROVED, S.SCHEDULED, S.UNPUBLISHED}), S.PUBLISHED, "story.publish", _("Publish now")
    ),
    "unpublish": Step(frozenset({S.PUBLISHED}), S.UNPUBLISHED, "story.publish", _("Unpublish"), needs_note=True),
    "correct": Step(frozenset({S.PUBLISHED}), S.PUBLISHED, "story.publish", _("Add a correction"), needs_note=True),
    "reopen": Step(frozenset({S.UNPUBLISHED}), S.DRAFT, "story.write", _("Back to draft")),
}

# States in which the reporter may edit the text; editors may edit in any state but draft.
REPORTER_EDITABLE = {S.DRAFT, S.CHANGES_REQUESTED}


def step_for(action):
    if action not in STEPS:
        raise WorkflowError(
            _("“%(action)s” is not a step of the editorial workflow.") % {"action": action}, code="unknown"
        )
    return STEPS[action]


def check_state(step, story):
    if story.status not in step.sources:
        raise WorkflowError(
            _("This story is “%(status)s”; “%(step)s” is not possible from there.")
            % {"status": story.get_status_display(), "step": step.label},
            code="illegal",
        )


def actions_available(story):
    """The actions that fit the story's state (the view still filters them by who is asking)."""
    return [name for name, step in STEPS.items() if story.status in step.sources]

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core import pagecache
from wijkplatform.core.capabilities import can
from wijkplatform.core.richtext import plain_text
from wijkplatform.core.services import require

from . import paper, selectors, services
from .forms import (
    AssignForm,
    CommentForm,
    EditionForm,
    NewsroomSettingsForm,
    NewStoryForm,
    PitchForm,
    StoryForm,
)
from .models import Pitch
from .workflow import STEPS, StoryConflict, WorkflowError, actions_available


def _messages_of(error):
    return " ".join(error.messages)


# Public pages ----------------------------------------------------------------------------------------------


def story_list(request):
    def context():
        tag = (request.GET.get("tag") or "").strip()[:40]
        stories = selectors.stories_published(wijk=request.wijk, tag=tag or None)
        return {"page": Paginator(stories, 12).get_page(request.GET.get("page")), "tag": tag}

    return pagecache.render_shared(request, "newsroom/story_list.html", context, parts=("newsroom",))


def story_detail(request, pk):
    def context():
        story = selectors.story_get_public(wijk=request.wijk, pk=pk)
        return {
            "story": story,
            "absolute_url": request.build_absolute_uri(story.get_absolute_url()),
            "cover_url": request.build_absolute_uri(story.cover.url) if story.cover else "",
        }

    return pagecache.render_shared(request, "newsroom/story_detail.html", context, parts=("newsroom",))


def story_print(request, pk):
    story = selectors.story_get_public(wijk=request.wijk, pk=pk)
    return render(
        request,
        "newsroom/story_print.html",
        {
            "story": story,
            "absolute_url": request.build_absolute_uri(story.get_absolute_url()),
        },
    )


class StoriesFeed(Feed):
    def get_object(self, request):
        self.request = request
        return request.wijk

    def title(self, wijk):
        return _("Stories from %(wijk)s") % {"wijk": wijk.name}

    def link(self, wijk):
        return reverse("newsroom:stories", kwargs={"wijk_slug": wijk.slug})

    def description(self, wijk):
        return wijk.tagline or wijk.name

    def items(self, wijk):
        return selectors.stories_published(wijk=wijk, limit=30)

    def item_title(self, story):
        return story.title

    def item_description(self, story):
        return story.lead or plain_text(story.body)[:300]

    def item_link(self, story):
        return story.get_absolute_url()

    def item_author_name(self, story):
        return story.reporter.name

    def item_pubdate(self, story):
        return story.published_at

    def item_categories(self, story):
        return story.tag_list


stories_feed = StoriesFeed()


@login_required
def pitch(request):
    wijk = request.wijk
    require(request.user, "story.pitch", wijk)
    form = PitchForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.pitch_create(wijk=wijk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Thank you for your idea! The editors will look at it."))
            return redirect("newsroom:stories", wijk_slug=wijk.slug)
    return render(request, "newsroom/pitch.html", {"form": form}, status=400 if form.errors else 200)


# The back office -------------------------------------------------------------------------------------------


@login_required
def desk(request):
    wijk = request.wijk
    require(request.user, "desk.enter", wijk)
    is_editor = can(request.user, "story.review", wijk)
    may_write = can(request.user, "story.write", wijk)
    return render(
        request,
        "newsroom/desk/index.html",
        {
            "may_write": may_write,
            "mine": selectors.stories_of_reporter(wijk=wijk, user=request.user) if may_write else [],
            "queue": selectors.stories_for_desk(wijk=wijk) if is_editor else [],
            "pitches": selectors.pitches_open(wijk=wijk)[:5] if is_editor else [],
            "is_editor": is_editor,
            "new_form": NewStoryForm(initial={"language": wijk.language}),
        },
    )


@login_required
def desk_new(request):
    wijk = request.wijk
    require(request.user, "story.write", wijk)
    form = NewStoryForm(request.POST or None, initial={"language": wijk.language})
    if request.method == "POST" and form.is_valid():
        try:
            story = services.story_create(wijk=wijk, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("newsroom:desk_story", wijk_slug=wijk.slug, pk=story.pk)
    return render(request, "newsroom/desk/new.html", {"form": form}, status=400 if form.errors else 200)


def _allowed_actions(request, story):
    wijk, user = request.wijk, request.user
    result = []
    for name in actions_available(story):
        step = STEPS[name]
        if not can(user, step.capability, wijk):
            continue
        if step.reporter_only and user.pk != story.reporter_id:
            continue
        if step.not_own and user.pk == story.reporter_id:
            continue
        result.append({"name": name, "step": step})
    return result


def _desk_page(request, story, *, form=None, status=200, error=None, conflict=None, photo_caption=""):
    wijk = request.wijk
    if form is None:
        form = StoryForm(instance=story, initial={"version": story.version})
    revisions = list(selectors.revisions_of(wijk=wijk, story=story))
    return render(
        request,
        "newsroom/desk/story.html",
        {
            "story": story,
            "form": form,
            "error": error,
            "conflict": conflict,
            "actions": _allowed_actions(request, story),
            "revisions": revisions,
            "transitions": selectors.transitions_of(wijk=wijk, story=story),
            "comments": story.review_comments.in_wijk(wijk).select_related("author"),
            "comment_form": CommentForm(),
            "photos": story.photos.in_wijk(wijk),
            "settings_row": selectors.newsroom_settings(wijk=wijk),
            "may_edit": _may_edit(request, story),
            "photo_caption": photo_caption,
        },
        status=status,
    )


def _may_edit(request, story):
    try:
        services._check_may_edit(wijk=request.wijk, story=story, by=request.user)
    except (ValidationError, PermissionDenied):
        return False
    return True


@login_required
def desk_story(request, pk):
    wijk = request.wijk
    story = selectors.story_get_for(wijk=wijk, user=request.user, pk=pk)
    if request.method != "POST":
        return _desk_page(request, story)
    form = StoryForm(request.POST, request.FILES, instance=story)
    # The form must not touch the instance the service compares with.
    if not form.is_valid():
        story.refresh_from_db()
        return _desk_page(request, story, form=form, status=400)
    story.refresh_from_db()
    try:
        services.story_save(
            wijk=wijk,
            story=story,
            by=request.user,
            version=request.POST.get("version"),
            cover=request.FILES.get("cover"),
            **form.text_fields(),
        )
    except StoryConflict as error:
        story.refresh_from_db()
        data = request.POST.copy()
        data["version"] = story.version
        typed = f"# {form.cleaned_data['title']}\n\n{form.cleaned_data['lead']}\n\n{form.cleaned_data['body']}"
        saved = f"# {story.title}\n\n{story.lead}\n\n{story.body}"
        conflict = {"diff": selectors.text_diff(saved, typed), "saved": story}
        return _desk_page(
            request,
            story,
            form=StoryForm(data, instance=story),
            status=409,
            error=_messages_of(error),
            conflict=conflict,
        )
    except WorkflowError as error:
        story.refresh_from_db()
        return _desk_page(
            request,
            story,
            form=StoryForm(request.POST, instance=story),
            status=409,
            error=_messages_of(error),
        )
    except ValidationError as error:
        story.refresh_from_db()
        return _desk_page(
            request,
            story,
            form=StoryForm(request.POST, instance=story),
            status=400,
            error=_messages_of(error),
        )
    messages.success(request, _("Saved."))
    return redirect("newsroom:desk_story", wijk_slug=wijk.slug, pk=story.pk)


@login_required
@require_POST
def desk_autosave(request, pk):
    """The htmx autosave: the same save, answered with a short status line and the new version number."""
    wijk = request.wijk
    story = selectors.story_get_for(wijk=wijk, user=request.user, pk=pk)
    form = StoryForm(request.POST, instance=story)
    status, version = 200, story.version
    if not form.is_valid():
        text, status = _("Not saved: please check the form."), 400
    else:
        fields = form.text_fields()
        story.refresh_from_db()
        if all(getattr(story, name) == value for name, value in fields.items()):
            text = _("No changes to save.")
        else:
            try:
                services.story_save(
                    wijk=wijk,
                    story=story,
                    by=request.user,
                    version=request.POST.get("version"),
                    autosave=True,
                    **fields,
                )
            except StoryConflict:
                text, status = (
                    _("Someone else saved this story. Use Save to compare your text with theirs."),
                    409,
                )
            except ValidationError as error:
                text, status = _messages_of(error), 400
            else:
                version = story.version
                text = _("Saved automatically at %(time)s.") % {"time": timezone.localtime().strftime("%H:%M")}
    if request.htmx:
        status = 200  # htmx swaps only successful answers; the words say what happened
    return render(request, "newsroom/desk/_autosave.html", {"text": text, "version": version}, status=status)


@login_required
@require_POST
def desk_step(request, pk):
    wijk = request.wijk
    story = selectors.story_get_for(wijk=wijk, user=request.user, pk=pk)
    action = request.POST.get("action", "")
    publish_at = None
    if request.POST.get("publish_at"):
        publish_at = parse_datetime(request.POST["publish_at"])
        if publish_at is None:
            return _desk_page(request, story, status=400, error=_("Give the moment to publish as a date and time."))
        if timezone.is_naive(publish_at):
            publish_at = timezone.make_aware(publish_at)
    try:
        services.story_transition(
            wijk=wijk,
            story=story,
            action=action,
            by=request.user,
            note=request.POST.get("note", ""),
            publish_at=publish_at,
        )
    except WorkflowError as error:
        story.refresh_from_db()
        return _desk_page(request, story, status=409, error=_messages_of(error))
    except ValidationError as error:
        story.refresh_from_db()
        return _desk_page(request, story, status=400, error=_messages_of(error))
    messages.success(request, _("Done: the story is now “%(status)s”.") % {"status": story.get_status_display()})
    return redirect("newsroom:desk_story", wijk_slug=wijk.slug, pk=story.pk)


@login_required
@require_POST
def desk_comment(request, pk):
    wijk = request.wijk
    story = selectors.story_get_for(wijk=wijk, user=request.user, pk=pk)
    form = CommentForm(request.POST)
    if not form.is_valid():
        return _desk_page(request, story, status=400, error=_("Please write a comment."))
    services.review_comment_add(wijk=wijk, story=story, by=request.user, text=form.cleaned_data["text"])
    return redirect(reverse("newsroom:desk_story", kwargs={"wijk_slug": wijk.slug, "pk": story.pk}) + "#review")


@login_required
@require_POST
def desk_photo(request, pk):
    wijk = request.wijk
    story = selectors.story_get_for(wijk=wijk, user=request.user, pk=pk)
    try:
        services.story_photo_add(
            wijk=wijk,
            story=story,
            by=request.user,
            image=request.FILES.get("image"),
            caption=request.POST.get("caption", ""),
        )
    except WorkflowError as error:
        return _desk_page(request, story, status=409, error=_messages_of(error))
    except ValidationError as error:  # a bad photo, or the storage refused it: the description is kept
        return _desk_page(
            request, story, status=400, error=_messages_of(error), photo_caption=request.POST.get("caption", "")
        )
    messages.success(request, _("The photo is added. Copy its line into the text where it belongs."))
    return redirect(reverse("newsroom:desk_story", kwargs={"wijk_slug": wijk.slug, "pk": story.pk}) + "#photos")


@login_required
def desk_diff(request, pk):
    wijk = request.wijk
    story = selectors.story_get_for(wijk=wijk, user=request.user, pk=pk)
    revisions = {r.number: r for r in selectors.revisions_of(wijk=wijk, story=story)}
    if not revisions:
        raise Http404(_("This story has no revisions yet."))
    numbers = sorted(revisions)
    try:
        a = int(request.GET.get("a", numbers[-2] if len(numbers) > 1 else numbers[0]))
        b = int(request.GET.get("b", numbers[-1]))
    except ValueError:
        return render(request, "400.html", status=400)
    if a not in revisions or b not in revisions:
        raise Http404(_("There is no revision with this number."))
    return render(
        request,
        "newsroom/desk/diff.html",
        {
            "story": story,
            "a": revisions[a],
            "b": revisions[b],
            "numbers": numbers,
            "rows": selectors.text_diff(revisions[a].as_text(), revisions[b].as_text()),
        },
    )


@login_required
def desk_pitches(request):
    wijk = request.wijk
    require(request.user, "story.review", wijk)
    reporters = list(selectors.reporters_of(wijk=wijk))
    pitches = list(selectors.pitches_open(wijk=wijk))
    return render(
        request,
        "newsroom/desk/pitches.html",
        {
            "rows": [(p, AssignForm(reporters=reporters, prefix=f"p{p.pk}")) for p in pitches],
        },
    )


@login_required
@require_POST
def desk_pitch_assign(request, pk):
    wijk = request.wijk
    require(request.user, "story.review", wijk)
    pitch_obj = Pitch.objects.in_wijk(wijk).filter(pk=pk).first()
    if pitch_obj is None:
        raise Http404(_("There is no idea here."))
    form = AssignForm(request.POST, reporters=selectors.reporters_of(wijk=wijk), prefix=f"p{pk}")
    if request.POST.get("decline"):
        try:
            services.pitch_decline(wijk=wijk, pitch=pitch_obj, by=request.user)
        except WorkflowError as error:
            return HttpResponse(_messages_of(error), status=409)
        messages.info(request, _("The idea is declined."))
        return redirect("newsroom:desk_pitches", wijk_slug=wijk.slug)
    if not form.is_valid():
        messages.error(request, _("Choose a reporter for this idea."))
        return redirect("newsroom:desk_pitches", wijk_slug=wijk.slug)
    from wijkplatform.accounts.models import User

    reporter = User.objects.get(pk=form.cleaned_data["reporter"])
    try:
        story = services.pitch_assign(
            wijk=wijk,
            pitch=pitch_obj,
            reporter=reporter,
            planned_for=form.cleaned_data["planned_for"],
            by=request.user,
        )
    except WorkflowError as error:
        messages.error(request, _messages_of(error))
        return redirect("newsroom:desk_pitches", wijk_slug=wijk.slug)
    except ValidationError as error:
        messages.error(request, _messages_of(error))
        return redirect("newsroom:desk_pitches", wijk_slug=wijk.slug)
    messages.success(request, _("Assigned to %(name)s.") % {"name": reporter.name})
    return redirect("newsroom:desk_story", wijk_slug=wijk.slug, pk=story.pk)


@login_required
def desk_settings(request):
    wijk = request.wijk
    require(request.user, "wijk.settings", wijk)
    form = NewsroomSettingsForm(request.POST or None, instance=selectors.newsroom_settings(wijk=wijk))
    if request.method == "POST" and form.is_valid():
        services.newsroom_settings_save(wijk=wijk, by=request.user, **form.cleaned_data)
        messages.success(request, _("The newsroom settings are saved."))
        return redirect("newsroom:desk_settings", wijk_slug=wijk.slug)
    return render(request, "newsroom/desk/settings.html", {"form": form}, status=400 if form.errors else 200)


@login_required
def desk_calendar(request):
    wijk = request.wijk
    require(request.user, "story.write", wijk)
    monday, _end = selectors.week_bounds(request.GET.get("week", ""))
    previous_week = monday - datetime.timedelta(days=7)
    next_week = monday + datetime.timedelta(days=7)
    return render(
        request,
        "newsroom/desk/calendar.html",
        {
            "monday": monday,
            "days": selectors.calendar_week(wijk=wijk, monday=monday),
            "previous": previous_week.strftime("%G-W%V"),
            "next": next_week.strftime("%G-W%V"),
            "week_label": monday.strftime("%G-W%V"),
        },
    )


# The printed paper -----------------------------------------------------------------------------------------


def paper_archive(request):
    return render(request, "newsroom/paper/archive.html", {"editions": selectors.editions(wijk=request.wijk)})


def _pdf_response(edition):
    try:
        handle = edition.pdf.open("rb")
    except (FileNotFoundError, OSError):
        raise Http404(_("This edition's PDF is missing.")) from None
    return FileResponse(handle, content_type="application/pdf", filename=f"{edition.wijk.slug}-{edition.number}.pdf")


def paper_latest(request):
    edition = selectors.editions(wijk=request.wijk).first()
    if edition is None:
        raise Http404(_("There is no edition of the wijk paper yet."))
    return _pdf_response(edition)


def paper_edition(request, number):
    return _pdf_response(selectors.edition_get(wijk=request.wijk, number=number))


@login_required
def desk_paper(request):
    wijk = request.wijk
    require(request.user, "paper.compose", wijk)
    stories = list(selectors.stories_published(wijk=wijk, limit=40))
    form = EditionForm(request.POST or None, stories=stories, initial={"stories": [s.pk for s in stories[:4]]})
    if request.method == "POST" and form.is_valid():
        try:
            edition = paper.edition_compose(
                wijk=wijk,
                by=request.user,
                title=form.cleaned_data["title"],
                intro=form.cleaned_data["intro"],
                story_ids=form.cleaned_data["stories"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Edition %(number)s is ready to print.") % {"number": edition.number})
            return redirect("newsroom:desk_paper", wijk_slug=wijk.slug)
    return render(
        request,
        "newsroom/desk/paper.html",
        {
            "form": form,
            "editions": selectors.editions(wijk=wijk),
        },
        status=400 if form.errors else 200,
    )


def home_section(request):
    """The latest stories on the wijk home."""
    from django.template.loader import render_to_string

    stories = list(selectors.stories_published(wijk=request.wijk, limit=3))
    if not stories:
        return None
    return render_to_string("newsroom/_home_section.html", {"stories": stories}, request=request)

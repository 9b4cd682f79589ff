from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.syndication.views import Feed
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.template.loader import get_template, render_to_string
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wijkplatform.core import pagecache
from wijkplatform.core.capabilities import can
from wijkplatform.core.richtext import render_markdown
from wijkplatform.core.services import require
from wijkplatform.partners.selectors import organisations_represented

from . import selectors, services
from .forms import (
    THANKED_ID,
    CommentForm,
    InitiativeForm,
    InitiativeUpdateForm,
    KindnessWordForm,
    PostEditForm,
    PostForm,
    StatusForm,
    TaskForm,
    ThankedSearchForm,
    thanked_choices,
    thanked_query,
)
from .models import InitiativeTask, KindnessWord, Post

PHOTO_ERRORS = {"too_big", "type", "pixels", "invalid", "too_many_photos", "storage_unavailable"}


def _back(request, default):
    """Where to go after a small action: the `next` field when it is a safe local address."""
    target = request.POST.get("next") or request.GET.get("next")
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _errors(error):
    return error.messages if isinstance(error, ValidationError) else [str(error)]


def _form_status(form):
    return 400 if form.errors else 200


# --- The feed ---------------------------------------------------------------------------------------------


NEXT = "\x00next\x00"


def _post_cards(request, page):
    """The cards of a page of posts, [(post id, liked)], each rendered once per wijk version and shared by every
    reader (core/pagecache.py). A card differs per reader only in the like button and where it leads back
    to, so those are in the key or filled in afterwards; the posts not kept are read in full."""
    wijk = request.wijk
    may_like = can(request.user, "post.like", wijk)
    template = get_template("community/_post_card.html")
    context = {"request": request, "user": request.user, "csrf_token": pagecache.CSRF, "next_path": NEXT}

    def render_cards(missing):
        posts = selectors.posts_by_id(wijk=wijk, user=request.user, ids=[pk for pk, _ in missing])
        # A post removed since its id was read has no card (its removal renewed the version already).
        return [template.render({**context, "post": posts[pk]}) if pk in posts else "" for pk, _ in missing]

    return pagecache.cached_fragments(
        request,
        page,
        key=lambda item: f"post:{item[0]}:{item[1]:d}:{may_like:d}",
        render=render_cards,
        placeholders={NEXT: request.get_full_path()},
    )


def _joined(cards):
    """The cards as one piece of HTML, joined here: a template's loop over them costs more, card by card."""
    return mark_safe("".join(cards))  # noqa: S308 - each card is safe HTML already (cached_fragments)


def feed(request):
    wijk = request.wijk
    kind = request.GET.get("kind") or None
    if kind not in Post.Kind.values:
        kind = None
    cursor = request.GET.get("cursor")
    user = request.user
    if cursor:
        page, next_cursor = selectors.feed_page(wijk=wijk, user=user, cursor=cursor, kind=kind)
    else:  # the first page, read on every visit: its ids are kept until the wijk changes
        page, next_cursor = pagecache.kept_until_wijk_changes(
            wijk,
            f"feed:{user.pk}:{kind}",
            lambda: selectors.feed_page(wijk=wijk, user=user, kind=kind),
        )
    pinned = []
    if not cursor and not kind:
        pinned = pagecache.kept_until_wijk_changes(
            wijk, f"pinned:{user.pk}", lambda: selectors.posts_pinned(wijk=wijk, user=user)
        )
    cards = _post_cards(request, [*pinned, *page])  # one look-up for both
    page_context = {"cards_html": _joined(cards[len(pinned) :]), "next_cursor": next_cursor, "kind": kind}
    if request.htmx and cursor:
        return render(request, "community/_feed_page.html", page_context)
    # What differs per member is rendered first; the rest of the page is kept for all with the same rights and
    # the same next page (the link to older posts is in the frame).
    holes = {
        "pinned": _joined(cards[: len(pinned)]),
        "latest": page_context["cards_html"],
        "form": _new_post_form(request) if not cursor and can(user, "post.create", wijk) else "",
    }
    context = {"kind": kind, "kinds": Post.Kind.choices, "next_cursor": next_cursor}
    return pagecache.render_shared(request, "community/feed.html", context, holes=holes, variant=next_cursor or "")


def _new_post_form(request):
    """The feed's "Write a post" form, kept like the cards: the same for all who act for the same organisations."""
    wijk = request.wijk
    kind = request.GET.get("new")
    shown_open = kind in Post.Kind.values
    ids = pagecache.kept_until_wijk_changes(
        wijk,
        f"organisations:{request.user.pk}",
        lambda: ",".join(
            str(pk) for pk in organisations_represented(wijk=wijk, user=request.user).values_list("pk", flat=True)
        ),
    )
    template = get_template("community/_new_post.html")

    def render_form(kinds):
        organisations = organisations_represented(wijk=wijk, user=request.user) if ids else None
        form = PostForm(initial={"kind": kinds[0]}, organisations=organisations)
        context = {"form": form, "open": shown_open, "wijk": wijk, "request": request, "csrf_token": pagecache.CSRF}
        return [template.render(context)]

    [form] = pagecache.cached_fragments(
        request,
        [kind if shown_open else Post.Kind.MESSAGE],
        key=lambda kind: f"post-form:{kind}:{shown_open:d}:{ids}",
        render=render_form,
    )
    return form


def _thanked_options(request):
    """The form arguments of "who do you thank?": the members to choose from, and where to search them."""
    return {
        "members": selectors.members_to_thank(wijk=request.wijk, user=request.user),
        "thanked_search_url": reverse("community:thanked_search", kwargs={"wijk_slug": request.wijk.slug}),
    }


def _finding_thanked(request):
    """The "Find" button of "who do you thank?", pressed without JavaScript."""
    return "thanked_find" in request.POST


@login_required
def thanked_search(request):
    """The members whose name contains what was typed in "who do you thank?", as the radio buttons to choose
    from (htmx); the person already chosen stays in the list."""
    wijk = request.wijk
    require(request.user, "post.create", wijk)
    search = ThankedSearchForm(request.GET)
    if not search.is_valid():
        return HttpResponseBadRequest(search.error_text(), content_type="text/plain; charset=utf-8")
    choices = thanked_choices(
        selectors.members_to_thank(wijk=wijk, user=request.user),
        query=thanked_query(search.cleaned_data["thanked_q"]),
        chosen=search.cleaned_data["thanked"],
    )
    context = {"choices": choices, "name": "thanked", "status_id": f"{THANKED_ID}_status"}
    return render(request, "community/_thanked_results.html", context)


@login_required
def post_create(request):
    wijk = request.wijk
    require(request.user, "post.create", wijk)
    thanked = _thanked_options(request)
    if request.method != "POST" or _finding_thanked(request):
        if request.method == "POST":  # "Find" without JavaScript: the form again as typed, with the matches
            initial = request.POST.dict()
            if request.FILES:  # a browser never fills in a file field again: say so rather than drop them quietly
                messages.warning(request, _("Photos are not kept while you look for a neighbour: choose them again."))
        else:
            initial = {"kind": request.GET.get("kind") if request.GET.get("kind") in Post.Kind.values else "message"}
        form = PostForm(
            initial=initial,
            organisations=organisations_represented(wijk=wijk, user=request.user),
            **thanked,
        )
        return render(request, "community/post_form.html", {"form": form})
    form = PostForm(
        request.POST,
        request.FILES,
        extra_words=selectors.kindness_words(wijk=wijk),
        organisations=organisations_represented(wijk=wijk, user=request.user),
        **thanked,
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            post = services.post_create(
                wijk=wijk,
                author=request.user,
                kind=data["kind"],
                text=data["text"],
                audience=data["audience"],
                category=data["category"],
                photos=data["photos"],
                organisation=data.get("as_organisation"),
                thanked=data.get("thanked"),
            )
        except ValidationError as error:
            for item in error.error_list:
                field = "photos" if item.code in PHOTO_ERRORS else "thanked" if item.code == "thanked" else None
                form.add_error(field, ValidationError(item.message, code=item.code, params=item.params))
        else:
            messages.success(request, _("Your post is on the feed."))
            return redirect(post.get_absolute_url())
    return render(request, "community/post_form.html", {"form": form}, status=_form_status(form))


def post_detail(request, pk):
    wijk, user = request.wijk, request.user
    # A like, bookmark or follow is a write to the wijk, so the reader's marks can be kept until the next one.
    post = pagecache.kept_until_wijk_changes(
        wijk,
        f"post:{pk}:{user.pk}",
        lambda: selectors.post_marked_get_for(wijk=wijk, user=user, pk=pk),
    )
    return _render_detail(request, post)


def _render_detail(request, post, *, comment_form=None, status=200):
    """A post's page, kept for all with the same rights who liked, bookmarked, follow and wrote it or not
    (core/pagecache.render_shared); the comments are put together per reader from kept parts."""
    wijk, user = request.wijk, request.user
    may_comment = can(user, "post.comment", wijk)
    is_author = user.is_authenticated and post.author_id == user.pk

    def page_context():
        return {
            "post": selectors.post_get_for(wijk=wijk, user=user, pk=post.pk),
            "comment_form": comment_form or (CommentForm() if may_comment else None),
            "is_author": is_author,
            "responders": selectors.responders(wijk=wijk, post=post) if is_author and post.is_resolvable else [],
            "share_url": request.build_absolute_uri(post.get_absolute_url()),
        }

    holes = {"comment_threads": _comment_threads(request, post, may_reply=may_comment)}
    if status != 200:
        return render(request, "community/post_detail.html", {**page_context(), **holes}, status=status)
    variant = "".join(str(int(mark)) for mark in (post.liked, post.bookmarked, post.following, is_author))
    return pagecache.render_shared(request, "community/post_detail.html", page_context, holes=holes, variant=variant)


def _comment_threads(request, post, *, may_reply):
    """The comments, read once per wijk version; each is rendered once and shared by all readers alike."""
    wijk, user = request.wijk, request.user
    threads = pagecache.kept_until_wijk_changes(
        wijk, f"comments:{post.pk}", lambda: selectors.comments_of(wijk=wijk, post=post)
    )
    comments = [comment for top in threads for comment in (top, *top.reply_list)]
    template = get_template("community/_comment.html")
    html = dict(
        zip(
            [comment.pk for comment in comments],
            pagecache.cached_fragments(
                request,
                comments,
                # A member gets a Report link, the author a Delete link too.
                key=lambda comment: f"comment:{comment.pk}:{user.is_authenticated:d}{comment.author_id == user.pk:d}",
                render=lambda missing: [
                    template.render({"request": request, "user": user, "comment": comment}) for comment in missing
                ],
            ),
            strict=True,
        )
    )
    context = {
        "post": post,
        "may_reply": may_reply,
        "threads": [(top, html[top.pk], [html[reply.pk] for reply in top.reply_list]) for top in threads],
    }
    return render_to_string("community/_comment_threads.html", context, request)


@login_required
def post_edit(request, pk):
    wijk = request.wijk
    post = selectors.post_own_get(wijk=wijk, user=request.user, pk=pk)
    thanked = _thanked_options(request)
    if request.method == "POST" and _finding_thanked(request):
        form = PostEditForm(initial=request.POST.dict(), **thanked)  # "Find" without JavaScript
    elif request.method == "POST":
        form = PostEditForm(request.POST, extra_words=selectors.kindness_words(wijk=wijk), **thanked)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.post_update(
                    wijk=wijk,
                    post=post,
                    text=data["text"],
                    kind=data["kind"],
                    category=data["category"],
                    audience=data["audience"],
                    thanked=data.get("thanked"),
                    by=request.user,
                )
            except ValidationError as error:
                for item in error.error_list:
                    field = "thanked" if item.code == "thanked" else None
                    form.add_error(field, ValidationError(item.message, code=item.code, params=item.params))
            else:
                messages.success(request, _("Your post is saved."))
                return redirect(post.get_absolute_url())
    else:
        form = PostEditForm(
            initial={
                "text": post.text,
                "kind": post.kind,
                "category": post.category,
                "audience": post.audience,
                "thanked": post.thanked_id,
            },
            **thanked,
        )
    return render(request, "community/post_edit.html", {"form": form, "post": post}, status=_form_status(form))


@login_required
def post_delete(request, pk):
    wijk = request.wijk
    post = selectors.post_own_get(wijk=wijk, user=request.user, pk=pk)
    if request.method == "POST":
        services.post_delete(wijk=wijk, post=post, by=request.user)
        messages.success(request, _("Your post is deleted."))
        return redirect("community:feed", wijk_slug=wijk.slug)
    return render(request, "community/post_delete.html", {"post": post})


@login_required
@require_POST
def post_like(request, pk):
    wijk = request.wijk
    post = selectors.post_get_for(wijk=wijk, user=request.user, pk=pk, include_details=False)
    liked = services.like_toggle(wijk=wijk, post=post, by=request.user)
    if request.htmx:
        post.liked, post.like_count = liked, services.like_count(wijk=wijk, post=post)
        return render(request, "community/_like.html", {"post": post})
    return redirect(_back(request, post.get_absolute_url()))


@login_required
@require_POST
def post_bookmark(request, pk):
    wijk = request.wijk
    post = selectors.post_get_for(wijk=wijk, user=request.user, pk=pk, include_details=False)
    on = services.bookmark_toggle(wijk=wijk, post=post, by=request.user)
    messages.success(request, _("Saved in your bookmarks.") if on else _("Taken out of your bookmarks."))
    return redirect(_back(request, post.get_absolute_url()))


@login_required
@require_POST
def post_follow(request, pk):
    wijk = request.wijk
    post = selectors.post_get_for(wijk=wijk, user=request.user, pk=pk, include_details=False)
    on = services.follow_toggle(wijk=wijk, post=post, by=request.user)
    messages.success(
        request,
        _("You follow this post: you hear about new comments.") if on else _("You no longer follow this post."),
    )
    return redirect(_back(request, post.get_absolute_url()))


@login_required
@require_POST
def post_pin(request, pk):
    wijk = request.wijk
    post = selectors.post_get_for(wijk=wijk, user=request.user, pk=pk, include_details=False)
    services.post_pin(wijk=wijk, post=post, pinned=post.pinned_at is None, by=request.user)
    messages.success(
        request,
        _("The post is pinned to the top of the feed.") if post.pinned_at else _("The post is no longer pinned."),
    )
    return redirect(_back(request, post.get_absolute_url()))


@login_required
@require_POST
def post_resolve(request, pk):
    wijk = request.wijk
    post = selectors.post_own_get(wijk=wijk, user=request.user, pk=pk)
    try:
        services.post_resolve(wijk=wijk, post=post, resolved=post.resolved_at is None, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error)[0])
    return redirect(post.get_absolute_url())


@login_required
def comment_create(request, pk):
    wijk = request.wijk
    post = selectors.post_get_for(wijk=wijk, user=request.user, pk=pk)
    if request.method != "POST":
        return redirect(post.get_absolute_url())
    require(request.user, "post.comment", wijk)
    form = CommentForm(request.POST, extra_words=selectors.kindness_words(wijk=wijk))
    if form.is_valid():
        parent = None
        if form.cleaned_data.get("parent"):
            parent = selectors.comment_get_for(wijk=wijk, user=request.user, pk=form.cleaned_data["parent"])
        try:
            comment = services.comment_create(
                wijk=wijk, post=post, author=request.user, text=form.cleaned_data["text"], parent=parent
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            return redirect(comment.get_absolute_url())
    return _render_detail(request, post, comment_form=form, status=_form_status(form))


@login_required
def comment_delete(request, pk):
    wijk = request.wijk
    comment = selectors.comment_get_for(wijk=wijk, user=request.user, pk=pk)
    if comment.author_id != request.user.pk:
        raise Http404(_("This comment does not exist, or it is not yours."))
    if request.method == "POST":
        services.comment_delete(wijk=wijk, comment=comment, by=request.user)
        messages.success(request, _("Your comment is deleted."))
        return redirect(comment.post.get_absolute_url())
    return render(request, "community/comment_delete.html", {"comment": comment})


@login_required
def bookmarks(request):
    wijk = request.wijk
    posts = list(selectors.bookmarks_of(wijk=wijk, user=request.user)[:100])
    return render(request, "community/bookmarks.html", {"posts": posts})


class PostsRss(Feed):
    """The public posts of a wijk as RSS."""

    def get_object(self, request, *args, **kwargs):
        self.request = request
        return request.wijk

    def title(self, wijk):
        return _("%(wijk)s: the feed") % {"wijk": wijk.name}

    def link(self, wijk):
        return reverse("community:feed", kwargs={"wijk_slug": wijk.slug})

    def description(self, wijk):
        return _("What neighbours share in %(wijk)s.") % {"wijk": wijk.name}

    def items(self, wijk):
        from .models import Post as PostModel

        return (
            PostModel.objects.in_wijk(wijk)
            .visible()
            .filter(audience=PostModel.Audience.PUBLIC)
            .select_related("author", "wijk")
            .order_by("-created_at", "-id")[:50]
        )

    def item_title(self, item):
        return f"{item.get_kind_display()}: {item.title}"

    def item_description(self, item):
        return render_markdown(item.text)

    def item_author_name(self, item):
        return item.author.name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at


posts_rss = PostsRss()


def home_section(request):
    """The latest posts on the wijk home."""
    wijk = request.wijk
    if not wijk.part_is_on("community"):
        return None
    posts = list(
        selectors.posts_visible(wijk=wijk, user=request.user)
        .select_related("author", "wijk")
        .order_by("-created_at", "-id")[:5]
    )
    if not posts and not can(request.user, "post.create", wijk):
        return None
    return render_to_string("community/_home_section.html", {"posts": posts}, request=request)


# --- Initiatives ------------------------------------------------------------------------------------------


def initiatives(request):
    wijk = request.wijk
    rows = list(selectors.initiatives_of(wijk=wijk)[:100])
    return render(request, "community/initiatives.html", {"initiatives": rows})


@login_required
def initiative_create(request):
    wijk = request.wijk
    require(request.user, "initiative.create", wijk)
    form = InitiativeForm(request.POST or None, extra_words=selectors.kindness_words(wijk=wijk))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            initiative = services.initiative_create(
                wijk=wijk,
                title=data["title"],
                description=data["description"],
                tasks=data["tasks"],
                by=request.user,
            )
        except ValidationError as error:
            for message in _errors(error):
                form.add_error(None, message)
        else:
            messages.success(request, _("Your initiative has started. Invite your neighbours!"))
            return redirect(initiative.get_absolute_url())
    return render(request, "community/initiative_form.html", {"form": form}, status=_form_status(form))


def initiative_detail(request, pk, *, update_form=None, task_form=None, status=200):
    wijk = request.wijk
    initiative = selectors.initiative_get_for(wijk=wijk, user=request.user, pk=pk)
    is_lead = request.user.is_authenticated and initiative.author_id == request.user.pk
    context = {
        "initiative": initiative,
        "is_lead": is_lead,
        "description_html": render_markdown(initiative.description),
        **selectors.initiative_details(wijk=wijk, initiative=initiative, user=request.user),
    }
    if is_lead:
        context["update_form"] = update_form or InitiativeUpdateForm()
        context["task_form"] = task_form or TaskForm()
        context["status_form"] = StatusForm(initial={"status": initiative.status})
    return render(request, "community/initiative_detail.html", context, status=status)


@login_required
@require_POST
def initiative_support(request, pk):
    wijk = request.wijk
    initiative = selectors.initiative_get_for(wijk=wijk, user=request.user, pk=pk)
    on = services.initiative_support_toggle(wijk=wijk, initiative=initiative, by=request.user)
    messages.success(request, _("Thank you for your support!") if on else _("You no longer support it."))
    return redirect(initiative.get_absolute_url())


@login_required
@require_POST
def initiative_update(request, pk):
    wijk = request.wijk
    initiative = selectors.initiative_get_for(wijk=wijk, user=request.user, pk=pk)
    form = InitiativeUpdateForm(request.POST, extra_words=selectors.kindness_words(wijk=wijk))
    if form.is_valid():
        try:
            services.initiative_update_add(
                wijk=wijk, initiative=initiative, text=form.cleaned_data["text"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, _errors(error)[0])
        return redirect(initiative.get_absolute_url())
    return initiative_detail(request, pk, update_form=form, status=400)


@login_required
@require_POST
def initiative_task_add(request, pk):
    wijk = request.wijk
    initiative = selectors.initiative_get_for(wijk=wijk, user=request.user, pk=pk)
    form = TaskForm(request.POST)
    if form.is_valid():
        try:
            services.initiative_task_add(
                wijk=wijk,
                initiative=initiative,
                title=form.cleaned_data["title"],
                needed=form.cleaned_data["needed"],
                by=request.user,
            )
        except ValidationError as error:
            messages.error(request, _errors(error)[0])
        return redirect(initiative.get_absolute_url())
    return initiative_detail(request, pk, task_form=form, status=400)


@login_required
@require_POST
def initiative_status(request, pk):
    wijk = request.wijk
    initiative = selectors.initiative_get_for(wijk=wijk, user=request.user, pk=pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.initiative_status_set(
                wijk=wijk, initiative=initiative, status=form.cleaned_data["status"], by=request.user
            )
        except ValidationError as error:
            messages.error(request, _errors(error)[0])
    else:
        messages.error(request, _("Choose a status."))
    return redirect(initiative.get_absolute_url())


@login_required
@require_POST
def task_signup(request, pk):
    wijk = request.wijk
    task = InitiativeTask.objects.in_wijk(wijk).filter(pk=pk).first()
    if task is None:
        raise Http404(_("This task does not exist."))
    initiative = selectors.initiative_get_for(wijk=wijk, user=request.user, pk=task.initiative_id)
    try:
        on = services.task_signup_toggle(wijk=wijk, task=task, by=request.user)
    except ValidationError as error:
        messages.error(request, _errors(error)[0])
    else:
        messages.success(
            request,
            _("You signed up for “%(task)s”. Thank you!") % {"task": task.title}
            if on
            else _("You signed off from “%(task)s”.") % {"task": task.title},
        )
    return redirect(initiative.get_absolute_url())


# --- The kindness reminder's words of this wijk -----------------------------------------------------------


@login_required
def kindness_settings(request):
    wijk = request.wijk
    require(request.user, "kindness.manage", wijk)
    form = KindnessWordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.kindness_word_add(wijk=wijk, phrase=form.cleaned_data["phrase"], by=request.user)
        except ValidationError as error:
            form.add_error("phrase", error)
        else:
            messages.success(request, _("The word is added to the kindness reminder."))
            return redirect("community:kindness", wijk_slug=wijk.slug)
    words = KindnessWord.objects.in_wijk(wijk).select_related("added_by")
    return render(request, "community/kindness.html", {"form": form, "words": words}, status=_form_status(form))


@login_required
@require_POST
def kindness_remove(request, pk):
    wijk = request.wijk
    require(request.user, "kindness.manage", wijk)
    word = KindnessWord.objects.in_wijk(wijk).filter(pk=pk).first()
    if word is None:
        raise Http404(_("This word is not on the list."))
    services.kindness_word_remove(wijk=wijk, word=word, by=request.user)
    messages.success(request, _("The word is taken off the list."))
    return redirect("community:kindness", wijk_slug=wijk.slug)

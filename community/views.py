from allauth.account.decorators import reauthentication_required
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import FormView, ListView, UpdateView

from community.filters import ThreadFilter
from community.forms import (
    DeleteAccountForm,
    EditPostForm,
    PostForm,
    ProfileForm,
    ReportForm,
    ThreadForm,
)
from community.models import Follow, Post, Thread, Topic
from community.services import follows, member_data, members, posting, subjects
from conversations.models import Item
from core import lists, written
from goodideas.models import GoodIdea
from webinars.models import Webinar

THREADS_PER_PAGE = 20
POSTS_PER_PAGE = 30


def refused_status(error: posting.PostingRefused) -> int:
    return 429 if getattr(error, "rate_limited", False) else 403


# Accounts ------------------------------------------------------------------------------------------


class ProfileView(LoginRequiredMixin, UpdateView):
    form_class = ProfileForm
    template_name = "account/profile.html"

    def get_object(self, queryset=None):
        return members.profile_for(self.request.user)

    def get_context_data(self, **kwargs):
        posts = (
            Post.objects.filter(author=self.request.user)
            .exclude(status=Post.Status.DELETED)
            .select_related("thread")
            .order_by("-created_at")[:10]
        )
        return super().get_context_data(recent_posts=posts, **kwargs)

    def form_valid(self, form):
        members.profile_save(
            profile=form.save(commit=False),
            new_city=form.cleaned_data["new_city"],
            new_country=form.cleaned_data["new_country"],
        )
        messages.success(self.request, _("Your profile has been saved."))
        return redirect("community:profile")


class ExportView(LoginRequiredMixin, View):
    def get(self, request):
        response = HttpResponse(member_data.member_export(user=request.user), content_type="application/json")
        stamp = timezone.now().strftime("%Y-%m-%d")
        response["Content-Disposition"] = f'attachment; filename="cities-of-migration-my-data-{stamp}.json"'
        return response


class DeleteAccountView(LoginRequiredMixin, FormView):
    """Deleting asks for the password again (allauth's reauthentication, valid a few minutes)."""

    form_class = DeleteAccountForm
    template_name = "account/delete.html"

    @method_decorator(reauthentication_required)
    def post(self, request, *args, **kwargs):
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        user = self.request.user
        remove = form.cleaned_data["posts"] == DeleteAccountForm.REMOVE
        logout(self.request)
        member_data.member_delete(user=user, remove_posts=remove)
        messages.success(self.request, _("Your account has been deleted. Thank you for taking part."))
        return redirect("home")


# Community -----------------------------------------------------------------------------------------


class IndexView(lists.FilteredListView):
    template_name = "community/index.html"
    filterset_class = ThreadFilter
    paginate_by = THREADS_PER_PAGE

    def get_queryset(self):
        return Thread.objects.visible()

    def for_listing(self, queryset):
        return queryset.for_listing()

    def get_context_data(self, **kwargs):
        topics = Topic.objects.annotate(
            thread_count=Count("threads", filter=Q(threads__status=Thread.Status.VISIBLE))
        ).select_related("theme")
        return super().get_context_data(topics=topics, **kwargs)


class TopicView(lists.ForgivingPaginationMixin, ListView):
    """A topic's threads, and the form that starts one."""

    template_name = "community/topic.html"
    paginate_by = THREADS_PER_PAGE

    def dispatch(self, request, *args, **kwargs):
        self.topic = get_object_or_404(Topic, slug=kwargs["slug"])
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        # The page names no thread's place (they are all in this topic): no join of the subjects' tables,
        # which took PostgreSQL ~3 ms to plan for every view (community.models.ThreadQuerySet.for_listing).
        return self.topic.threads.visible().for_subject_listing().order_by("-last_activity", "-pk")

    def get_context_data(self, **kwargs):
        kwargs.setdefault("form", ThreadForm())
        return super().get_context_data(topic=self.topic, seo_object=self.topic, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        form = ThreadForm(request.POST)
        status = 200
        if form.is_valid():
            try:
                outcome = posting.thread_create(
                    author=request.user,
                    topic=self.topic,
                    title=form.cleaned_data["title"],
                    kind=form.cleaned_data["kind"],
                    body=form.cleaned_data["body"],
                )
            except posting.PostingRefused as error:
                form.add_error(None, str(error))
                status = refused_status(error)
            else:
                say_posted(request, outcome)
                return redirect(outcome.post.thread)
        else:
            status = 400
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=status)


class ThreadView(lists.ForgivingPaginationMixin, ListView):
    """A thread's posts, the reply form, and for members: follow, edit and delete their own, report."""

    template_name = "community/thread.html"
    paginate_by = POSTS_PER_PAGE

    def dispatch(self, request, *args, **kwargs):
        try:  # with SQL compiled once (core.written), as a detail page reads its own row
            self.thread = written.get(
                Thread, ThreadView, lambda pk: Thread.objects.for_page().filter(pk=pk), pk=kwargs["pk"]
            )
        except Thread.DoesNotExist:
            raise Http404 from None
        user = request.user
        if self.thread.status != Thread.Status.VISIBLE and not (
            user.is_authenticated and (user.pk == self.thread.author_id or user.is_staff)
        ):
            raise Http404
        if kwargs["slug"] != self.thread.slug and request.method == "GET":
            return HttpResponseRedirect(self.thread.get_absolute_url())
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return self.thread.posts.shown_to(self.request.user).for_thread_page()

    def get_context_data(self, **kwargs):
        user = self.request.user
        following = user.is_authenticated and Follow.objects.filter(user=user, thread=self.thread).exists()
        kwargs.setdefault("form", PostForm())
        return super().get_context_data(thread=self.thread, seo_object=self.thread, following=following, **kwargs)

    def post(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        form = PostForm(request.POST)
        status = 200
        if form.is_valid():
            try:
                outcome = posting.post_create(author=request.user, thread=self.thread, body=form.cleaned_data["body"])
            except posting.PostingRefused as error:
                form.add_error(None, str(error))
                status = refused_status(error)
            else:
                say_posted(request, outcome)
                return redirect(post_url(outcome.post))
        else:
            status = 400
        self.object_list = self.get_queryset()
        return self.render_to_response(self.get_context_data(form=form), status=status)


def post_url(post: Post) -> str:
    """The post on the page of the thread it is on."""
    before = post.thread.posts.filter(status__in=[Post.Status.VISIBLE, Post.Status.PENDING]).filter(
        Q(created_at__lt=post.created_at) | Q(created_at=post.created_at, pk__lt=post.pk)
    )
    page = before.count() // POSTS_PER_PAGE + 1
    query = f"?page={page}" if page > 1 else ""
    return f"{post.thread.get_absolute_url()}{query}#post-{post.pk}"


def say_posted(request, outcome: posting.Outcome) -> None:
    if outcome.pending:
        messages.info(
            request,
            _("Thank you. As a new member, your first post is read by an editor before others can see it."),
        )
    else:
        messages.success(request, _("Your post is published."))


def redirect_to_login(request):
    from django.contrib.auth.views import redirect_to_login as to_login

    return to_login(request.get_full_path())


class OwnPostMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.post_obj = get_object_or_404(Post.objects.select_related("thread"), pk=kwargs["pk"])
        if not posting.can_edit(request.user, self.post_obj):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(post=self.post_obj, thread=self.post_obj.thread, **kwargs)


class PostEditView(OwnPostMixin, FormView):
    form_class = EditPostForm
    template_name = "community/post_edit.html"

    def get_initial(self):
        return {"body": self.post_obj.body_markdown}

    def form_valid(self, form):
        try:
            posting.post_edit(user=self.request.user, post=self.post_obj, body=form.cleaned_data["body"])
        except posting.PostingRefused as error:
            form.add_error(None, str(error))
            return self.render_to_response(self.get_context_data(form=form), status=403)
        messages.success(self.request, _("Your post has been changed."))
        return redirect(post_url(self.post_obj))

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


class PostDeleteView(OwnPostMixin, View):
    def get(self, request, pk):
        return render(request, "community/post_delete.html", {"post": self.post_obj, "thread": self.post_obj.thread})

    def post(self, request, pk):
        posting.post_delete(user=request.user, post=self.post_obj)
        messages.success(request, _("Your post has been deleted."))
        return redirect(self.post_obj.thread)


class PostReportView(LoginRequiredMixin, FormView):
    form_class = ReportForm
    template_name = "community/post_report.html"

    def dispatch(self, request, *args, **kwargs):
        self.post_obj = get_object_or_404(
            Post.objects.visible().select_related("thread", "author__profile"), pk=kwargs["pk"]
        )
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(post=self.post_obj, thread=self.post_obj.thread, **kwargs)

    def form_valid(self, form):
        created = posting.post_report(
            reporter=self.request.user,
            post=self.post_obj,
            reason=form.cleaned_data["reason"],
            comment=form.cleaned_data["comment"],
        )
        if created:
            messages.success(self.request, _("Thank you. The editors will look at this post."))
        else:
            messages.info(self.request, _("You had already reported this post. The editors will look at it."))
        return redirect(post_url(self.post_obj))


@require_POST
def follow_toggle(request, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request)
    thread = get_object_or_404(Thread.objects.visible(), pk=pk)
    if request.POST.get("follow") == "1":
        follows.follow(user=request.user, thread=thread)
        messages.success(request, _("You will get an e-mail when someone replies."))
    else:
        follows.unfollow(user=request.user, thread=thread)
        messages.success(request, _("You will no longer get e-mails about this thread."))
    return redirect(thread)


@method_decorator(csrf_exempt, name="dispatch")  # the signed token is the proof; mail clients POST here
class UnsubscribeView(View):
    def get_follow(self, token):
        try:
            user_id, thread_id = follows.follow_from_token(token)
        except (signing.BadSignature, ValueError, TypeError) as error:
            raise Http404 from error
        thread = get_object_or_404(Thread, pk=thread_id)
        return user_id, thread

    def get(self, request, token):
        _user_id, thread = self.get_follow(token)
        return render(request, "community/unsubscribe.html", {"thread": thread, "done": False})

    def post(self, request, token):
        user_id, thread = self.get_follow(token)
        Follow.objects.filter(user_id=user_id, thread=thread).delete()
        return render(request, "community/unsubscribe.html", {"thread": thread, "done": True})


class SubjectAskView(View):
    """Questions about a subject (Good Idea, webinar, e-zine item), and the form to ask one (also shown,
    with the same form, on the subject's own page). Subclasses find the published subject or 404."""

    template_name = "community/ask.html"

    def get_subject(self, **kwargs):
        raise NotImplementedError

    def dispatch(self, request, *args, **kwargs):
        self.subject = self.get_subject(**kwargs)
        self.subject_kind = subjects.subject_kind(self.subject)
        return super().dispatch(request, *args, **kwargs)

    def render(self, form, status=200):
        context = {
            "subject": self.subject,
            "subject_kind": self.subject_kind,
            self.subject_kind: self.subject,
            "threads": subjects.subject_threads(self.subject),
            "form": form,
        }
        return render(self.request, self.template_name, context, status=status)

    def get(self, request, **kwargs):
        return self.render(ThreadForm())

    def post(self, request, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request)
        form = ThreadForm(request.POST)
        if not form.is_valid():
            return self.render(form, status=400)
        try:
            outcome = posting.thread_create(
                author=request.user,
                title=form.cleaned_data["title"],
                kind=form.cleaned_data["kind"],
                body=form.cleaned_data["body"],
                **{self.subject_kind: self.subject},
            )
        except posting.PostingRefused as error:
            form.add_error(None, str(error))
            return self.render(form, status=refused_status(error))
        except ValidationError as error:  # pragma: no cover - the form cleaned it already
            form.add_error("body", error)
            return self.render(form, status=400)
        say_posted(request, outcome)
        return redirect(outcome.post.thread)


class IdeaAskView(SubjectAskView):
    def get_subject(self, *, slug):
        return get_object_or_404(GoodIdea.objects.published(), slug=slug)


class WebinarAskView(SubjectAskView):
    def get_subject(self, *, slug):
        return get_object_or_404(Webinar.objects.published(), slug=slug)


class ItemAskView(SubjectAskView):
    def get_subject(self, *, number, slug):
        return get_object_or_404(Item.objects.published().select_related("issue"), issue__number=number, slug=slug)

from django.views.generic import DetailView, ListView

from goodideas.models import City, GoodIdea, Theme


class IdeaListView(ListView):
    template_name = "goodideas/idea_list.html"
    paginate_by = 20

    def get_queryset(self):
        return GoodIdea.objects.published().for_listing()


class IdeaDetailView(DetailView):
    template_name = "goodideas/idea_detail.html"

    def get_queryset(self):
        return GoodIdea.objects.published().for_listing()


class ThemeDetailView(DetailView):
    model = Theme
    template_name = "goodideas/theme_detail.html"


class CityListView(ListView):
    template_name = "goodideas/city_list.html"
    queryset = City.objects.select_related("country")


class CityDetailView(DetailView):
    model = City
    template_name = "goodideas/city_detail.html"

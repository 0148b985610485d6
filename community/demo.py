"""Demo community: a few members, a topic for each theme, and questions with answers (on Good Ideas, a
webinar or two and an e-zine article) in en, fr and de.

Idempotent: members by e-mail, topics by slug, threads by title and place, posts by thread, author and time.
Demo members have no usable password; set one in the admin (or reset it) to sign in as them.
"""

from datetime import UTC, datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model

from community import markdown
from community.models import Post, Profile, Thread, Topic
from conversations.models import Item
from goodideas.models import GoodIdea
from places.models import City, Theme
from webinars.models import Webinar

MEMBERS = [
    ("amira@example.org", "Amira H.", "amsterdam", "University of Amsterdam", "researcher", ["en", "nl", "ar"], "en"),
    ("claire@example.org", "Claire D.", "montreal", "Ville de Montréal", "city-staff", ["fr", "en"], "fr"),
    ("jonas@example.org", "Jonas K.", "cologne", "Nachbarschaftshilfe Köln", "nonprofit", ["de", "en", "tr"], "de"),
    ("daniel@example.org", "Daniel O.", "toronto", "Toronto Public Library", "nonprofit", ["en", "fr"], "en"),
    ("sofia@example.org", "Sofía R.", "barcelona", "Ajuntament de Barcelona", "city-staff", ["es", "fr", "en"], "fr"),
]

TOPICS = {
    "work": {
        "title": {"en": "Work and skills", "fr": "Travail et compétences", "de": "Arbeit und Qualifikationen"},
        "description": {
            "en": "Jobs, recognition of qualifications, mentoring and starting a business.",
            "fr": "Emploi, reconnaissance des diplômes, mentorat et création d’entreprise.",
            "de": "Arbeit, Anerkennung von Abschlüssen, Mentoring und Gründung.",
        },
    },
    "live": {
        "title": {"en": "Housing and daily life", "fr": "Logement et vie quotidienne", "de": "Wohnen und Alltag"},
        "description": {
            "en": "Housing, health, public services and the first weeks in a new city.",
            "fr": "Logement, santé, services publics et premières semaines dans une nouvelle ville.",
            "de": "Wohnen, Gesundheit, öffentliche Dienste und die ersten Wochen in einer neuen Stadt.",
        },
    },
    "learn": {
        "title": {"en": "Language and learning", "fr": "Langue et apprentissage", "de": "Sprache und Bildung"},
        "description": {
            "en": "Language classes, schools, libraries and universities.",
            "fr": "Cours de langue, écoles, bibliothèques et universités.",
            "de": "Sprachkurse, Schulen, Bibliotheken und Hochschulen.",
        },
    },
    "connect": {
        "title": {
            "en": "Neighbours and belonging",
            "fr": "Voisinage et appartenance",
            "de": "Nachbarschaft und Zugehörigkeit",
        },
        "description": {
            "en": "Meeting places, volunteering, countering rumours and building trust.",
            "fr": "Lieux de rencontre, bénévolat, lutte contre les rumeurs et confiance.",
            "de": "Begegnungsorte, Ehrenamt, Gerüchten begegnen und Vertrauen aufbauen.",
        },
    },
    "plan": {
        "title": {
            "en": "City strategies and participation",
            "fr": "Stratégies municipales et participation",
            "de": "Kommunale Strategien und Teilhabe",
        },
        "description": {
            "en": "Integration strategies, advisory councils, data and the vote for residents.",
            "fr": "Stratégies d’intégration, conseils consultatifs, données et droit de vote des résidents.",
            "de": "Integrationskonzepte, Beiräte, Daten und Wahlrecht für Einwohnerinnen und Einwohner.",
        },
    },
}

# (place, title, language, kind, [(author e-mail, "YYYY-MM-DD HH:MM", text), ...]); place is
# ("idea", slug), ("webinar", slug), ("item", "issue number/item slug") or ("topic", theme slug).
THREADS = [
    (
        ("webinar", "libraries-as-first-stops"),
        "Will you talk about newcomers who never come into the library?",
        "en",
        "question",
        [
            (
                "amira@example.org",
                "2026-11-20 09:30",
                "Our branches are busy, but the families we most want to meet never come in.\n\n"
                "Could the speakers say how Cologne and Toronto reach people **outside** the building: "
                "schools, mosques, shelters, markets?",
            ),
            (
                "daniel@example.org",
                "2026-11-21 16:10",
                "Good question, and yes, we will. In Toronto most first contacts happen outside the branch: "
                "settlement workers bring library cards to school information evenings and to shelters.\n\n"
                "Bring your own examples too; there is time for discussion.",
            ),
        ],
    ),
    (
        ("webinar", "mentoring-for-work-and-daily-life"),
        "Danke für die Aufzeichnung: Mentoring in kleinen Gemeinden",
        "de",
        "feedback",
        [
            (
                "jonas@example.org",
                "2026-10-06 19:45",
                "Ich habe mir die Aufzeichnung mit unserem Team angesehen. Besonders hilfreich war der Teil "
                "über kurze, klare Absprachen zwischen Mentorin und Mentee.\n\n"
                "Für kleine Gemeinden würde uns interessieren, wie man *ohne* eigene Koordinationsstelle "
                "genug Mentorinnen und Mentoren findet.",
            ),
            (
                "amira@example.org",
                "2026-10-08 11:20",
                "In Amsterdam teilen sich drei Stadtteile eine Koordinatorin. Vielleicht geht das auch "
                "zwischen Nachbargemeinden?",
            ),
        ],
    ),
    (
        ("item", "3/answering-rumours-with-conversation"),
        "Quelles rumeurs reviennent le plus souvent ?",
        "fr",
        "question",
        [
            (
                "claire@example.org",
                "2026-10-14 08:50",
                "Merci pour cet article. À Montréal, nous entendons surtout des rumeurs sur le logement et "
                "l’aide sociale.\n\nLesquelles reviennent le plus souvent là où vous travaillez, et "
                "commencez-vous par celles-là ?",
            ),
            (
                "sofia@example.org",
                "2026-10-15 13:25",
                "À Barcelone, ce sont les mêmes : les aides sociales, puis le logement et l’emploi. "
                "Nous commençons toujours par la rumeur que les habitants d’un quartier entendent eux-mêmes, "
                "pas par une liste venue d’en haut.",
            ),
        ],
    ),
    (
        ("idea", "settlement-workers-in-the-public-library"),
        "How do you fund the settlement workers in branches?",
        "en",
        "question",
        [
            (
                "amira@example.org",
                "2026-09-02 10:15",
                "We would like to try this in two neighbourhood libraries in Amsterdam.\n\n"
                "Who pays the settlement workers: the library, the city, or the agencies they come from? "
                "And how many hours a week are they in a branch?",
            ),
            (
                "daniel@example.org",
                "2026-09-03 08:40",
                "The workers stay employed by their own agencies, which are funded for settlement services. "
                "The library gives them a desk, a meeting room and a place in the branch programme.\n\n"
                "Most branches started with **two afternoons a week**. We added hours where the desk was busy.",
            ),
            (
                "amira@example.org",
                "2026-09-03 12:05",
                "Thank you, that helps. So the library does not need new money to start: only space and time.",
            ),
        ],
    ),
    (
        ("idea", "barcelona-anti-rumour-strategy"),
        "Comment former les « agents anti-rumeurs » ?",
        "fr",
        "question",
        [
            (
                "claire@example.org",
                "2026-09-10 14:00",
                "À Montréal, nous aimerions former des bénévoles qui répondent aux rumeurs sur les nouveaux "
                "arrivants.\n\nCombien de temps dure la formation à Barcelone, et qui la donne ?",
            ),
            (
                "sofia@example.org",
                "2026-09-11 09:30",
                "La formation de base dure environ *douze heures*, en trois séances. Elle est donnée par des "
                "associations du réseau, avec des exercices de conversation.\n\n"
                "- des chiffres simples et vérifiés ;\n- des exemples tirés du quartier ;\n"
                "- de l’écoute avant la réponse.",
            ),
        ],
    ),
    (
        ("idea", "neighbourhood-mothers-bridges-between-families-and-schools"),
        "Wie werden die Stadtteilmütter bezahlt?",
        "de",
        "question",
        [
            (
                "jonas@example.org",
                "2026-09-15 11:20",
                "Wir planen ein ähnliches Projekt in Köln-Chorweiler. Sind die Stadtteilmütter ehrenamtlich "
                "tätig oder angestellt? Und wie lange dauert ihre Qualifizierung?",
            ),
            (
                "amira@example.org",
                "2026-09-16 09:10",
                "Soweit ich weiß, werden sie nach einer Qualifizierung von etwa sechs Monaten angestellt, "
                "oft in Teilzeit. Das war für die Familien wichtig: Die Mütter kommen regelmäßig und "
                "verlässlich.",
            ),
        ],
    ),
    (
        ("topic", "work"),
        "Recognising qualifications from abroad: what worked in your city?",
        "en",
        "question",
        [
            (
                "daniel@example.org",
                "2026-08-20 16:45",
                "Many people we meet in the library are nurses, engineers or teachers who cannot work in their "
                "field yet. What has helped them in your city: advice centres, bridging courses, employers?",
            ),
            (
                "jonas@example.org",
                "2026-08-21 10:00",
                "In Germany the *Anerkennungsberatung* (recognition advice) is free. "
                "The most useful thing for us was an adviser who comes to our centre once a month.",
            ),
        ],
    ),
    (
        ("topic", "learn"),
        "Cours de langue avec garde d’enfants : vos expériences ?",
        "fr",
        "feedback",
        [
            (
                "claire@example.org",
                "2026-09-05 09:00",
                "Nous avons ouvert un cours de français avec une halte-garderie dans la même salle communautaire. "
                "La participation des mères a doublé en un trimestre.",
            ),
            (
                "sofia@example.org",
                "2026-09-06 18:20",
                "Même constat à Barcelone. Un conseil : prévoyez une personne de plus pour les enfants les "
                "premières semaines.",
            ),
        ],
    ),
    (
        ("topic", "connect"),
        "Begegnungscafés: Wie erreicht man die Nachbarschaft?",
        "de",
        "question",
        [
            (
                "jonas@example.org",
                "2026-09-18 15:30",
                "Unser Begegnungscafé wird vor allem von Geflüchteten und Ehrenamtlichen besucht. "
                "Wie schafft ihr es, dass auch andere Nachbarinnen und Nachbarn kommen?",
            ),
        ],
    ),
]


def at(stamp: str) -> datetime:
    return datetime.strptime(stamp, "%Y-%m-%d %H:%M").replace(tzinfo=UTC)


def load_members() -> dict:
    user_model = get_user_model()
    cities = {city.slug: city for city in City.objects.filter(slug__in=[m[2] for m in MEMBERS])}
    members = {}
    for email, name, city, organisation, role, languages, preferred in MEMBERS:
        user, created = user_model.objects.get_or_create(
            email=email, defaults={"username": email.split("@")[0] + "-demo"}
        )
        if created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
        Profile.objects.update_or_create(
            user=user,
            defaults={
                "display_name": name,
                "city": cities.get(city),
                "organisation": organisation,
                "role": role,
                "languages": languages,
                "preferred_language": preferred,
            },
        )
        members[email] = user
    return members


def load_topics() -> dict:
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    topics = {}
    for position, (slug, texts) in enumerate(TOPICS.items()):
        fields = {}
        for field, values in texts.items():
            for code, value in values.items():
                fields[f"{field}_{code}"] = value
            fields[field] = values["en"]
        topics[slug], _ = Topic.objects.update_or_create(
            slug=slug, defaults={"theme": themes.get(slug), "position": position, **fields}
        )
    return topics


def demo_subject(kind: str, key: str):
    """The published Good Idea, webinar or e-zine item a demo thread is about; None if it is not loaded."""
    if kind == "idea":
        return GoodIdea.objects.filter(slug=key).first()
    if kind == "webinar":
        return Webinar.objects.published().filter(slug=key).first()
    number, slug = key.split("/")
    return Item.objects.published().filter(issue__number=int(number), slug=slug).first()


def load() -> str:
    members = load_members()
    topics = load_topics()
    threads = posts = 0
    for (kind_of_place, slug), title, language, kind, items in THREADS:
        place = dict.fromkeys(("topic", *Thread.SUBJECTS))
        place[kind_of_place] = topics[slug] if kind_of_place == "topic" else demo_subject(kind_of_place, slug)
        if place[kind_of_place] is None:
            continue
        first_author, first_time, _text = items[0]
        thread, _ = Thread.objects.update_or_create(
            title=title,
            **place,
            defaults={
                "author": members[first_author],
                "kind": kind,
                "language": language,
                "status": Thread.Status.VISIBLE,
                "created_at": at(first_time),
                "last_activity": at(items[-1][1]),
            },
        )
        threads += 1
        for author, stamp, text in items:
            Post.objects.update_or_create(
                thread=thread,
                author=members[author],
                created_at=at(stamp),
                defaults={
                    "body_markdown": text,
                    "body_html": markdown.render(text),
                    "status": Post.Status.VISIBLE,
                },
            )
            posts += 1
    return f"{len(members)} members, {len(topics)} topics, {threads} threads, {posts} posts"

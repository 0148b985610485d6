# ruff: noqa: E501  (demo text in three languages reads better unwrapped)
"""Demo content: the Learning Exchange webinars the seeds name, a few upcoming ones, and three conferences.

Archived webinars keep fixed dates; upcoming ones are dated from today when the demo is loaded, so the demo
always has webinars to register for. Idempotent: rows are found by slug (speakers by name) and updated.
Speakers are invented for the demo; recording addresses are placeholders.
"""

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from core.demo import translated
from core.richtext import sanitize
from elibrary.models import Resource
from goodideas.models import GoodIdea
from places.models import City, Theme
from webinars.models import Event, EventLink, Session, Speaker, Webinar, WebinarSpeaker

SPEAKERS = [
    {
        "name": "Claire Dubois",
        "city": "montreal",
        "role": {
            "en": "Community engagement lead",
            "fr": "Responsable de la participation citoyenne",
            "de": "Leiterin Bürgerbeteiligung",
        },
        "bio": {
            "en": "Claire has spent fifteen years bringing newcomers onto neighbourhood councils and into city consultations.",
            "fr": "Claire fait entrer depuis quinze ans les nouveaux arrivants dans les conseils de quartier et les consultations municipales.",
            "de": "Claire bringt seit fünfzehn Jahren Neuankömmlinge in Quartiersräte und städtische Bürgerbeteiligungen.",
        },
    },
    {
        "name": "Jonas Weber",
        "city": "stuttgart",
        "role": {
            "en": "Integration policy adviser",
            "fr": "Conseiller en politique d’intégration",
            "de": "Referent für Integrationspolitik",
        },
        "bio": {
            "en": "Jonas helped draft a city integration plan with more than two hundred local partners.",
            "fr": "Jonas a contribué à rédiger un plan municipal d’intégration avec plus de deux cents partenaires locaux.",
            "de": "Jonas hat einen städtischen Integrationsplan mit mehr als zweihundert lokalen Partnern mitverfasst.",
        },
    },
    {
        "name": "Priya Raman",
        "city": "toronto",
        "role": {
            "en": "Mentoring programme manager",
            "fr": "Responsable d’un programme de mentorat",
            "de": "Leiterin eines Mentoring-Programms",
        },
        "bio": {
            "en": "Priya matches skilled immigrants with mentors in their profession and measures what the matches lead to.",
            "fr": "Priya met en relation des immigrants qualifiés avec des mentors de leur métier et mesure ce qui en résulte.",
            "de": "Priya bringt qualifizierte Zugewanderte mit Mentorinnen und Mentoren ihres Berufs zusammen und misst, was daraus wird.",
        },
    },
    {
        "name": "Samuel Okafor",
        "city": "london",
        "role": {
            "en": "Youth worker and radio producer",
            "fr": "Animateur jeunesse et producteur radio",
            "de": "Jugendarbeiter und Radioproduzent",
        },
        "bio": {
            "en": "Samuel runs a radio workshop where young migrants report on their own neighbourhoods.",
            "fr": "Samuel anime un atelier radio où de jeunes migrants font des reportages sur leur propre quartier.",
            "de": "Samuel leitet eine Radiowerkstatt, in der junge Migrantinnen und Migranten aus ihrem eigenen Viertel berichten.",
        },
    },
    {
        "name": "Ana Ribeiro",
        "city": "lisbon",
        "role": {
            "en": "Public health researcher",
            "fr": "Chercheuse en santé publique",
            "de": "Forscherin für öffentliche Gesundheit",
        },
        "bio": {
            "en": "Ana studies how community health workers reach immigrant families that clinics miss.",
            "fr": "Ana étudie comment les agents de santé communautaires atteignent les familles immigrées que les cliniques ne voient pas.",
            "de": "Ana erforscht, wie Gesundheitslotsinnen und -lotsen zugewanderte Familien erreichen, die Praxen nicht erreichen.",
        },
    },
    {
        "name": "Yusuf Demir",
        "city": "berlin",
        "role": {
            "en": "Interfaith coordinator",
            "fr": "Coordinateur interreligieux",
            "de": "Koordinator für interreligiösen Dialog",
        },
        "bio": {
            "en": "Yusuf coordinates a network of mosques, churches and synagogues that welcome newcomers together.",
            "fr": "Yusuf coordonne un réseau de mosquées, d’églises et de synagogues qui accueillent ensemble les nouveaux arrivants.",
            "de": "Yusuf koordiniert ein Netzwerk von Moscheen, Kirchen und Synagogen, die Neuankömmlinge gemeinsam willkommen heißen.",
        },
    },
    {
        "name": "Mei Lin Tan",
        "city": "melbourne",
        "role": {
            "en": "Learning Exchange host",
            "fr": "Animatrice du Learning Exchange",
            "de": "Moderatorin des Learning Exchange",
        },
        "bio": {
            "en": "Mei Lin hosts the Learning Exchange and keeps the questions from the audience coming.",
            "fr": "Mei Lin anime le Learning Exchange et fait circuler les questions du public.",
            "de": "Mei Lin moderiert den Learning Exchange und sorgt dafür, dass die Fragen des Publikums zum Zug kommen.",
        },
    },
]

# (slug, date, themes, speakers, related ideas, title, summary, description, transcript)
ARCHIVED = [
    {
        "slug": "civic-engagement-newcomers-in-city-decisions",
        "starts": "2009-03-26T12:00",
        "zone": "America/Toronto",
        "themes": ["connect", "plan"],
        "speakers": ["Claire Dubois"],
        "ideas": [
            "an-elected-voice-for-foreign-residents-in-frankfurt",
            "the-vienna-charter-residents-write-the-rules-of-living-together",
        ],
        "recording": "https://www.youtube.com/watch?v=aQm4Lr7bX2c",
        "title": {
            "en": "Civic engagement: newcomers in city decisions",
            "fr": "Participation citoyenne : les nouveaux arrivants dans les décisions de la ville",
            "de": "Bürgerbeteiligung: Neuankömmlinge in städtischen Entscheidungen",
        },
        "summary": {
            "en": "How cities open councils, consultations and budgets to residents who cannot yet vote.",
            "fr": "Comment les villes ouvrent conseils, consultations et budgets aux habitants qui ne votent pas encore.",
            "de": "Wie Städte Beiräte, Beteiligungsverfahren und Haushalte für Einwohner öffnen, die noch nicht wählen dürfen.",
        },
        "description": {
            "en": "<p>Foreign residents' councils, participatory budgets and charters written by residents: three ways cities give newcomers a voice before citizenship does.</p>",
            "fr": "<p>Conseils de résidents étrangers, budgets participatifs et chartes écrites par les habitants : trois façons dont les villes donnent la parole aux nouveaux arrivants avant la citoyenneté.</p>",
            "de": "<p>Ausländerbeiräte, Bürgerhaushalte und von Einwohnern geschriebene Chartas: drei Wege, wie Städte Neuankömmlingen eine Stimme geben, bevor es die Staatsbürgerschaft tut.</p>",
        },
        "transcript": {
            "en": "Welcome to the Learning Exchange. Today we talk about civic engagement: how residents who cannot vote yet still shape decisions in their city, through advisory councils, participatory budgets and neighbourhood meetings.",
            "fr": "Bienvenue au Learning Exchange. Nous parlons aujourd’hui de participation citoyenne : comment des habitants qui ne votent pas encore influencent les décisions de leur ville, par des conseils consultatifs, des budgets participatifs et des réunions de quartier.",
            "de": "Willkommen beim Learning Exchange. Heute geht es um Bürgerbeteiligung: wie Einwohner, die noch nicht wählen dürfen, über Beiräte, Bürgerhaushalte und Quartiersversammlungen dennoch die Entscheidungen ihrer Stadt mitgestalten.",
        },
    },
    {
        "slug": "faith-based-integration",
        "starts": "2009-04-23T12:00",
        "zone": "America/Toronto",
        "themes": ["connect", "live"],
        "speakers": ["Yusuf Demir"],
        "ideas": ["multaqa-museums-welcome-refugees"],
        "recording": "https://vimeo.com/112233445",
        "title": {
            "en": "Faith-based integration",
            "fr": "L’intégration par les communautés de foi",
            "de": "Integration durch Glaubensgemeinschaften",
        },
        "summary": {
            "en": "Churches, mosques, temples and synagogues as first points of welcome, and how cities work with them.",
            "fr": "Églises, mosquées, temples et synagogues, premiers lieux d’accueil, et comment les villes travaillent avec eux.",
            "de": "Kirchen, Moscheen, Tempel und Synagogen als erste Anlaufstellen, und wie Städte mit ihnen zusammenarbeiten.",
        },
        "description": {
            "en": "<p>Faith communities are often where newcomers find help first. Speakers discuss partnerships that respect the secular city and reach people that public services do not.</p>",
            "fr": "<p>C’est souvent dans les communautés de foi que les nouveaux arrivants trouvent une première aide. Les intervenants présentent des partenariats qui respectent la ville laïque et atteignent ceux que les services publics ne voient pas.</p>",
            "de": "<p>Oft finden Neuankömmlinge die erste Hilfe in Glaubensgemeinschaften. Die Referenten sprechen über Partnerschaften, die die weltanschaulich neutrale Stadt achten und Menschen erreichen, die öffentliche Dienste nicht erreichen.</p>",
        },
        "transcript": {
            "en": "Our speaker coordinates an interfaith network that welcomes refugees together: language cafés in church halls, homework help in mosques, and a shared guide to the city's services.",
            "fr": "Notre intervenant coordonne un réseau interreligieux qui accueille ensemble les réfugiés : cafés linguistiques dans des salles paroissiales, aide aux devoirs dans des mosquées et un guide commun des services de la ville.",
            "de": "Unser Referent koordiniert ein interreligiöses Netzwerk, das Geflüchtete gemeinsam willkommen heißt: Sprachcafés in Gemeindesälen, Hausaufgabenhilfe in Moscheen und ein gemeinsamer Wegweiser zu den Diensten der Stadt.",
        },
    },
    {
        "slug": "mentoring-for-work-and-daily-life",
        "starts": "2009-05-28T12:00",
        "zone": "America/Toronto",
        "themes": ["work"],
        "speakers": ["Priya Raman"],
        "ideas": [
            "the-mentoring-partnership-opening-professional-networks",
            "new-kiwis-matching-employers-with-migrant-talent",
        ],
        "recording": "https://www.youtube.com/watch?v=Zk3pT9wQe1M",
        "title": {
            "en": "Mentoring for work and daily life",
            "fr": "Le mentorat pour le travail et la vie quotidienne",
            "de": "Mentoring für Beruf und Alltag",
        },
        "summary": {
            "en": "Professional mentoring opens networks that qualifications alone do not; everyday mentoring opens the city.",
            "fr": "Le mentorat professionnel ouvre des réseaux que les diplômes seuls n’ouvrent pas ; le mentorat du quotidien ouvre la ville.",
            "de": "Berufliches Mentoring öffnet Netzwerke, die Abschlüsse allein nicht öffnen; Alltagsmentoring öffnet die Stadt.",
        },
        "description": {
            "en": "<p>What makes a mentoring match work, how to recruit mentors from employers, and how to measure the results.</p>",
            "fr": "<p>Ce qui fait réussir un binôme de mentorat, comment recruter des mentors chez les employeurs et comment mesurer les résultats.</p>",
            "de": "<p>Was ein Mentoring-Tandem gelingen lässt, wie man Mentorinnen und Mentoren bei Arbeitgebern gewinnt und wie man die Ergebnisse misst.</p>",
        },
        "transcript": {
            "en": "Most of our mentees find work in their field within a year. The mentor does not find the job; the mentor explains how the profession works here and who to talk to.",
            "fr": "La plupart de nos mentorés trouvent un emploi dans leur domaine en moins d’un an. Le mentor ne trouve pas l’emploi ; il explique comment le métier fonctionne ici et à qui parler.",
            "de": "Die meisten unserer Mentees finden innerhalb eines Jahres Arbeit in ihrem Beruf. Nicht der Mentor findet die Stelle; er erklärt, wie der Beruf hier funktioniert und mit wem man sprechen sollte.",
        },
    },
    {
        "slug": "youth-and-migrant-voice",
        "starts": "2009-06-25T12:00",
        "zone": "America/Toronto",
        "themes": ["connect", "learn"],
        "speakers": ["Samuel Okafor"],
        "ideas": ["startblok-riekerhaven-young-refugees-and-young-locals-under-one-roof"],
        "recording": "https://www.youtube.com/watch?v=Hq8vN2rYt5A",
        "title": {
            "en": "Youth and migrant voice",
            "fr": "Jeunesse et voix des migrants",
            "de": "Jugend und die Stimme der Migranten",
        },
        "summary": {
            "en": "Media, storytelling and youth councils that let young migrants speak for themselves.",
            "fr": "Médias, récits et conseils de jeunes qui permettent aux jeunes migrants de parler en leur nom.",
            "de": "Medien, Erzählprojekte und Jugendräte, in denen junge Migrantinnen und Migranten für sich selbst sprechen.",
        },
        "description": {
            "en": "<p>From community radio to city youth councils: projects where young people with a migration background set the agenda.</p>",
            "fr": "<p>De la radio communautaire aux conseils municipaux de jeunes : des projets où les jeunes issus de l’immigration fixent l’ordre du jour.</p>",
            "de": "<p>Vom Bürgerradio bis zum städtischen Jugendrat: Projekte, in denen junge Menschen mit Migrationsgeschichte die Themen setzen.</p>",
        },
        "transcript": {
            "en": "When young people report on their own neighbourhood, the story changes: it is no longer about them, it is by them.",
            "fr": "Quand les jeunes font des reportages sur leur propre quartier, le récit change : il ne parle plus d’eux, il est fait par eux.",
            "de": "Wenn junge Menschen über ihr eigenes Viertel berichten, ändert sich die Geschichte: Sie handelt nicht mehr von ihnen, sie stammt von ihnen.",
        },
    },
    {
        "slug": "ethnic-health",
        "starts": "2009-09-24T12:00",
        "zone": "America/Toronto",
        "themes": ["live"],
        "speakers": ["Ana Ribeiro"],
        "ideas": ["one-roof-many-services-lisbons-national-immigrant-support-centre"],
        "recording": "https://vimeo.com/223344556",
        "title": {
            "en": "Ethnic health: reaching every resident",
            "fr": "Santé et diversité : atteindre chaque habitant",
            "de": "Gesundheit in Vielfalt: jede Einwohnerin und jeden Einwohner erreichen",
        },
        "summary": {
            "en": "Community health workers, interpreters and culturally safe care in diverse cities.",
            "fr": "Agents de santé communautaires, interprètes et soins culturellement adaptés dans les villes diverses.",
            "de": "Gesundheitslotsen, Dolmetscher und kultursensible Versorgung in vielfältigen Städten.",
        },
        "description": {
            "en": "<p>Health outcomes of immigrants often worsen after arrival. Speakers present programmes that close the gap.</p>",
            "fr": "<p>La santé des immigrants se dégrade souvent après leur arrivée. Les intervenants présentent des programmes qui réduisent l’écart.</p>",
            "de": "<p>Die Gesundheit Zugewanderter verschlechtert sich oft nach der Ankunft. Die Referentinnen stellen Programme vor, die die Lücke schließen.</p>",
        },
        "transcript": {
            "en": "Interpreters are not a luxury: a diagnosis that the patient does not understand is not a diagnosis.",
            "fr": "Les interprètes ne sont pas un luxe : un diagnostic que le patient ne comprend pas n’est pas un diagnostic.",
            "de": "Dolmetscher sind kein Luxus: Eine Diagnose, die die Patientin nicht versteht, ist keine Diagnose.",
        },
    },
    {
        "slug": "municipal-planning-for-integration",
        "starts": "2009-10-29T12:00",
        "zone": "America/Toronto",
        "themes": ["plan"],
        "speakers": ["Jonas Weber"],
        "ideas": ["stuttgart-pact-for-integration", "dublin-city-integration-strategy-four-themes-one-city"],
        "recording": "https://www.youtube.com/watch?v=Pw6cX1mJr8E",
        "title": {
            "en": "Municipal planning for integration",
            "fr": "La planification municipale de l’intégration",
            "de": "Kommunale Integrationsplanung",
        },
        "summary": {
            "en": "City integration strategies: who writes them, what they promise and how cities keep the promise.",
            "fr": "Les stratégies municipales d’intégration : qui les écrit, ce qu’elles promettent et comment les villes tiennent parole.",
            "de": "Städtische Integrationskonzepte: wer sie schreibt, was sie versprechen und wie Städte ihr Versprechen halten.",
        },
        "description": {
            "en": "<p>From Stuttgart's pact to Dublin's four themes: plans that bind departments, partners and budgets.</p>",
            "fr": "<p>Du pacte de Stuttgart aux quatre axes de Dublin : des plans qui engagent services, partenaires et budgets.</p>",
            "de": "<p>Vom Stuttgarter Pakt bis zu Dublins vier Themen: Konzepte, die Ämter, Partner und Haushalte binden.</p>",
        },
        "transcript": {
            "en": "A plan is only as good as its indicators. We report every year to the council on the same twenty measures.",
            "fr": "Un plan ne vaut que par ses indicateurs. Nous rendons compte chaque année au conseil sur les mêmes vingt mesures.",
            "de": "Ein Konzept ist nur so gut wie seine Indikatoren. Wir berichten dem Gemeinderat jedes Jahr über dieselben zwanzig Kennzahlen.",
        },
    },
]

UPCOMING = [
    {
        "slug": "welcoming-cities-after-the-first-year",
        "days_ahead": 16,
        "hour": 12,
        "zone": "America/Toronto",
        "duration": 75,
        "capacity": 100,
        "themes": ["plan", "connect"],
        "speakers": ["Claire Dubois", "Jonas Weber"],
        "ideas": [
            "binam-montreals-newcomer-integration-office",
            "office-of-new-americans-chicagos-plan-for-a-welcoming-city",
        ],
        "title": {
            "en": "Welcoming cities: after the first year",
            "fr": "Villes accueillantes : après la première année",
            "de": "Willkommensstädte: nach dem ersten Jahr",
        },
        "summary": {
            "en": "Newcomer offices in Montreal and Chicago look back on what changed once the welcome desk was open.",
            "fr": "Les bureaux d’accueil de Montréal et de Chicago reviennent sur ce qui a changé une fois le guichet ouvert.",
            "de": "Die Anlaufstellen für Neuankömmlinge in Montreal und Chicago blicken zurück: Was änderte sich, als der Schalter offen war?",
        },
        "description": {
            "en": "<p>Two city offices for newcomers compare notes: staffing, partners, the first results and the surprises.</p><p>Questions from the audience are welcome throughout.</p>",
            "fr": "<p>Deux bureaux municipaux pour les nouveaux arrivants comparent leurs expériences : équipes, partenaires, premiers résultats et surprises.</p><p>Les questions du public sont les bienvenues tout au long de la séance.</p>",
            "de": "<p>Zwei städtische Anlaufstellen für Neuankömmlinge vergleichen ihre Erfahrungen: Personal, Partner, erste Ergebnisse und Überraschungen.</p><p>Fragen aus dem Publikum sind jederzeit willkommen.</p>",
        },
    },
    {
        "slug": "libraries-as-first-stops",
        "days_ahead": 47,
        "hour": 14,
        "zone": "Europe/Berlin",
        "duration": 60,
        "capacity": 2,
        "themes": ["learn", "live"],
        "speakers": ["Ana Ribeiro", "Yusuf Demir"],
        "ideas": ["refugee-sprachraum-meet-greet-learn", "settlement-workers-in-the-public-library"],
        "title": {
            "en": "Libraries as first stops",
            "fr": "Les bibliothèques, premières escales",
            "de": "Bibliotheken als erste Anlaufstelle",
        },
        "summary": {
            "en": "Public libraries in Cologne and Toronto as places where newcomers meet, learn and get advice.",
            "fr": "Les bibliothèques publiques de Cologne et de Toronto, lieux où les nouveaux arrivants se rencontrent, apprennent et sont conseillés.",
            "de": "Öffentliche Bibliotheken in Köln und Toronto als Orte, an denen Neuankömmlinge sich treffen, lernen und beraten werden.",
        },
        "description": {
            "en": "<p>A small-group webinar with room for discussion: places are limited, and a waiting list opens when they are taken.</p>",
            "fr": "<p>Un webinaire en petit groupe qui laisse place à la discussion : les places sont limitées et une liste d’attente s’ouvre lorsqu’elles sont prises.</p>",
            "de": "<p>Ein Webinar in kleiner Runde mit Raum für Diskussion: Die Plätze sind begrenzt; sind sie vergeben, öffnet sich eine Warteliste.</p>",
        },
    },
    {
        "slug": "mentoring-across-generations",
        "days_ahead": 77,
        "hour": 11,
        "zone": "Europe/London",
        "duration": 60,
        "capacity": None,
        "themes": ["work", "learn"],
        "speakers": ["Priya Raman", "Samuel Okafor"],
        "ideas": ["breaking-barriers-business-partnerships-for-refugee-employment"],
        "title": {
            "en": "Mentoring across generations",
            "fr": "Le mentorat entre générations",
            "de": "Mentoring über Generationen hinweg",
        },
        "summary": {
            "en": "Retired professionals and young refugees: what each side learns in a mentoring pair.",
            "fr": "Professionnels retraités et jeunes réfugiés : ce que chacun apprend dans un binôme de mentorat.",
            "de": "Berufserfahrene im Ruhestand und junge Geflüchtete: Was beide Seiten im Mentoring-Tandem lernen.",
        },
        "description": {
            "en": "<p>Programmes in London and Toronto pair retired professionals with young newcomers looking for their first job.</p>",
            "fr": "<p>À Londres et à Toronto, des programmes associent des professionnels retraités à de jeunes nouveaux arrivants en quête d’un premier emploi.</p>",
            "de": "<p>Programme in London und Toronto bringen Berufserfahrene im Ruhestand mit jungen Neuankömmlingen auf der Suche nach der ersten Stelle zusammen.</p>",
        },
    },
]

EVENTS = [
    {
        "slug": "cities-of-migration-conference-the-hague-2010",
        "starts_on": "2010-10-04",
        "ends_on": "2010-10-05",
        "zone": "Europe/Amsterdam",
        "city": "the-hague",
        "organisers": "Cities of Migration (Maytree); International Metropolis Project",
        "themes": ["plan", "connect"],
        "title": {
            "en": "First International Cities of Migration Conference",
            "fr": "Première Conférence internationale Cities of Migration",
            "de": "Erste Internationale Cities of Migration Konferenz",
        },
        "summary": {
            "en": "City leaders and migration experts in The Hague, alongside the 15th International Metropolis Conference.",
            "fr": "Des responsables municipaux et des experts des migrations réunis à La Haye, en marge de la 15e Conférence internationale Metropolis.",
            "de": "Stadtspitzen und Migrationsfachleute in Den Haag, parallel zur 15. Internationalen Metropolis-Konferenz.",
        },
        "venue": {
            "en": "World Forum Convention Center",
            "fr": "Centre de congrès World Forum",
            "de": "Kongresszentrum World Forum",
        },
        "description": {
            "en": "<p>The first international conference of Cities of Migration, co-located with the 15th International Metropolis, brought together international city leaders and migration experts for an open discussion about one of the most important global challenges facing cities: the integration of urban migrants.</p>",
            "fr": "<p>La première conférence internationale de Cities of Migration, organisée en parallèle de la 15e conférence Metropolis, a réuni des responsables municipaux et des experts des migrations du monde entier pour débattre ouvertement de l’un des grands défis mondiaux des villes : l’intégration des migrants urbains.</p>",
            "de": "<p>Die erste internationale Konferenz von Cities of Migration fand zusammen mit der 15. Internationalen Metropolis-Konferenz statt und brachte Stadtspitzen und Migrationsfachleute aus aller Welt zu einer offenen Diskussion über eine der wichtigsten globalen Herausforderungen der Städte zusammen: die Integration städtischer Migrantinnen und Migranten.</p>",
        },
        "sessions": [
            (
                "2010-10-04T09:30",
                "2010-10-04T10:30",
                {
                    "en": "Welcome and opening: cities learning from cities",
                    "fr": "Accueil et ouverture : des villes qui apprennent des villes",
                    "de": "Begrüßung und Eröffnung: Städte lernen von Städten",
                },
                "Cities of Migration",
            ),
            (
                "2010-10-04T11:00",
                "2010-10-04T12:30",
                {
                    "en": "Good Ideas in Integration: practitioners' panel",
                    "fr": "Bonnes idées d’intégration : table ronde de praticiens",
                    "de": "Gute Ideen für Integration: Podium der Praxis",
                },
                "",
            ),
            (
                "2010-10-04T14:00",
                "2010-10-04T15:30",
                {
                    "en": "Workshops: work, live, learn, connect",
                    "fr": "Ateliers : travailler, vivre, apprendre, se rencontrer",
                    "de": "Workshops: Arbeiten, Leben, Lernen, Begegnen",
                },
                "",
            ),
            (
                "2010-10-05T09:30",
                "2010-10-05T11:00",
                {
                    "en": "Mayors' dialogue: the city as integration actor",
                    "fr": "Dialogue des maires : la ville, actrice de l’intégration",
                    "de": "Dialog der Bürgermeister: die Stadt als Akteurin der Integration",
                },
                "",
            ),
            (
                "2010-10-05T11:30",
                "2010-10-05T12:30",
                {
                    "en": "Closing: an international agenda for cities",
                    "fr": "Clôture : un programme international pour les villes",
                    "de": "Abschluss: eine internationale Agenda für Städte",
                },
                "",
            ),
        ],
        "links": [],
    },
    {
        "slug": "iom-conference-on-migrants-and-cities-geneva-2015",
        "starts_on": "2015-10-26",
        "ends_on": "2015-10-27",
        "zone": "Europe/Zurich",
        "city": "geneva",
        "organisers": "International Organization for Migration (IOM)",
        "themes": ["plan", "live"],
        "title": {
            "en": "High-Level Conference on Migrants and Cities",
            "fr": "Conférence de haut niveau sur les migrants et les villes",
            "de": "Hochrangige Konferenz über Migranten und Städte",
        },
        "summary": {
            "en": "IOM brings ministers, mayors and senior officials together in Geneva to debate human mobility in cities.",
            "fr": "L’OIM réunit à Genève ministres, maires et hauts responsables pour débattre de la mobilité humaine dans les villes.",
            "de": "Die IOM bringt in Genf Ministerinnen, Bürgermeister und hochrangige Verantwortliche zusammen, um über menschliche Mobilität in Städten zu debattieren.",
        },
        "venue": {"en": "Palais des Nations", "fr": "Palais des Nations", "de": "Palais des Nations"},
        "description": {
            "en": "<p>For the first time in a global policy forum, the conference debated the complex dynamics of human mobility in cities: how challenges can be managed and development opportunities maximised. Mayors are at the forefront of migration governance, yet their voice has been missing from the global debate.</p><p>Held within IOM's International Dialogue on Migration, the conference also launched the <em>World Migration Report 2015 – Migrants and Cities: New Partnerships to Manage Urban Mobility</em>.</p>",
            "fr": "<p>Pour la première fois dans un forum politique mondial, la conférence a débattu de la dynamique complexe de la mobilité humaine dans les villes : comment gérer les défis et tirer le meilleur parti des occasions de développement. Les maires sont en première ligne de la gouvernance des migrations, mais leur voix manquait au débat mondial.</p><p>Organisée dans le cadre du Dialogue international sur la migration de l’OIM, la conférence a aussi lancé l’<em>État de la migration dans le monde 2015 – Les migrants et les villes : de nouveaux partenariats pour gérer la mobilité</em>.</p>",
            "de": "<p>Zum ersten Mal in einem globalen politischen Forum debattierte die Konferenz die vielschichtige Dynamik menschlicher Mobilität in Städten: wie sich Herausforderungen bewältigen und Entwicklungschancen nutzen lassen. Bürgermeisterinnen und Bürgermeister stehen bei der Steuerung von Migration an vorderster Front, doch ihre Stimme fehlte in der globalen Debatte.</p><p>Im Rahmen des Internationalen Migrationsdialogs der IOM wurde zudem der <em>World Migration Report 2015 – Migrants and Cities: New Partnerships to Manage Urban Mobility</em> vorgestellt.</p>",
        },
        "sessions": [
            (
                "2015-10-26T10:00",
                "2015-10-26T11:00",
                {
                    "en": "Opening and launch of the World Migration Report 2015",
                    "fr": "Ouverture et lancement de l’État de la migration dans le monde 2015",
                    "de": "Eröffnung und Vorstellung des World Migration Report 2015",
                },
                "IOM",
            ),
            (
                "2015-10-26T11:30",
                "2015-10-26T13:00",
                {
                    "en": "Integration and inclusive urban planning",
                    "fr": "Intégration et urbanisme inclusif",
                    "de": "Integration und inklusive Stadtplanung",
                },
                "",
            ),
            (
                "2015-10-26T15:00",
                "2015-10-26T18:00",
                {
                    "en": "Migrants in vulnerable situations in cities",
                    "fr": "Les migrants en situation de vulnérabilité dans les villes",
                    "de": "Migranten in prekären Lagen in Städten",
                },
                "",
            ),
            (
                "2015-10-27T10:00",
                "2015-10-27T13:00",
                {
                    "en": "Multi-stakeholder partnerships and the diaspora's role in co-development",
                    "fr": "Partenariats multipartites et rôle de la diaspora dans le codéveloppement",
                    "de": "Partnerschaften vieler Akteure und die Rolle der Diaspora in der Ko-Entwicklung",
                },
                "",
            ),
            (
                "2015-10-27T15:00",
                "2015-10-27T17:00",
                {
                    "en": "Mayors' and ministers' round table; closing",
                    "fr": "Table ronde des maires et des ministres ; clôture",
                    "de": "Runder Tisch der Bürgermeister und Minister; Abschluss",
                },
                "",
            ),
        ],
        "links": [
            (
                "material",
                {
                    "en": "World Migration Report 2015 (IOM)",
                    "fr": "État de la migration dans le monde 2015 (OIM)",
                    "de": "World Migration Report 2015 (IOM)",
                },
                "https://publications.iom.int/",
            ),
            (
                "link",
                {
                    "en": "International Dialogue on Migration",
                    "fr": "Dialogue international sur la migration",
                    "de": "Internationaler Migrationsdialog",
                },
                "https://www.iom.int/",
            ),
        ],
    },
    {
        "slug": "integrating-migrants-in-cities-wuf9-kuala-lumpur-2018",
        "starts_on": "2018-02-08",
        "ends_on": "2018-02-08",
        "zone": "Asia/Kuala_Lumpur",
        "city": "kuala-lumpur",
        "organisers": "UNESCO",
        "themes": ["live", "connect"],
        "title": {
            "en": "Integrating Migrants in Cities: challenges and opportunities",
            "fr": "Intégrer les migrants dans les villes : défis et possibilités",
            "de": "Migranten in Städte integrieren: Herausforderungen und Chancen",
        },
        "summary": {
            "en": "A UNESCO event at the Ninth World Urban Forum on a holistic, intersectoral approach to integrating migrants in cities.",
            "fr": "Une manifestation de l’UNESCO au neuvième Forum urbain mondial pour une approche globale et intersectorielle de l’intégration des migrants dans les villes.",
            "de": "Eine Veranstaltung der UNESCO auf dem Neunten Weltstadtforum für einen ganzheitlichen, sektorübergreifenden Ansatz zur Integration von Migranten in Städten.",
        },
        "venue": {
            "en": "Ninth World Urban Forum (WUF9)",
            "fr": "Neuvième Forum urbain mondial (WUF9)",
            "de": "Neuntes Weltstadtforum (WUF9)",
        },
        "description": {
            "en": "<p>Learning to live together sustainably in cities is one of the most important challenges of our time. The event brought stakeholders together to emphasise a holistic, intersectoral and collaborative approach to integrating migrants in cities.</p>",
            "fr": "<p>Apprendre à vivre ensemble durablement dans les villes est l’un des grands défis de notre temps. La manifestation a réuni divers acteurs pour défendre une approche globale, intersectorielle et collaborative de l’intégration des migrants dans les villes.</p>",
            "de": "<p>In Städten nachhaltig zusammenleben zu lernen, ist eine der wichtigsten Herausforderungen unserer Zeit. Die Veranstaltung brachte verschiedene Akteure zusammen, um einen ganzheitlichen, sektorübergreifenden und gemeinsamen Ansatz zur Integration von Migranten in Städten zu stärken.</p>",
        },
        "sessions": [
            (
                "2018-02-08T09:00",
                "2018-02-08T09:30",
                {
                    "en": "Migrants' challenges in urban centres: research from Southeast Asia, India and Southern Africa",
                    "fr": "Les difficultés des migrants en milieu urbain : recherches en Asie du Sud-Est, en Inde et en Afrique australe",
                    "de": "Herausforderungen für Migranten in Städten: Forschung aus Südostasien, Indien und dem südlichen Afrika",
                },
                "UNESCO",
            ),
            (
                "2018-02-08T09:30",
                "2018-02-08T10:00",
                {
                    "en": "Migration and intangible cultural heritage",
                    "fr": "Migration et patrimoine culturel immatériel",
                    "de": "Migration und immaterielles Kulturerbe",
                },
                "",
            ),
            (
                "2018-02-08T10:00",
                "2018-02-08T10:30",
                {
                    "en": "Migration as a driver of sustainable economic growth",
                    "fr": "La migration, moteur d’une croissance économique durable",
                    "de": "Migration als Motor nachhaltigen Wirtschaftswachstums",
                },
                "",
            ),
            (
                "2018-02-08T10:30",
                "2018-02-08T11:00",
                {
                    "en": "Case studies: migrant-inclusive city policies",
                    "fr": "Études de cas : politiques municipales inclusives envers les migrants",
                    "de": "Fallstudien: migrantenfreundliche städtische Politik",
                },
                "",
            ),
        ],
        "links": [("link", {"en": "UNESCO", "fr": "UNESCO", "de": "UNESCO"}, "https://www.unesco.org/")],
    },
]

# E-Library resources (elibrary/demo/resources.json, loaded before the webinars) each webinar points to.
LIBRARY_RESOURCES = {
    "civic-engagement-newcomers-in-city-decisions": [
        "foreign-residents-councils-germany",
        "vienna-charter-dialogue-method",
        "ethnic-advisory-panels-in-regional-planning",
    ],
    "faith-based-integration": ["museums-as-meeting-places-multaqa-evaluation"],
    "mentoring-for-work-and-daily-life": [
        "matching-employers-with-migrant-talent",
        "business-partnerships-refugee-employment",
    ],
    "youth-and-migrant-voice": ["living-together-mixed-housing-startblok"],
    "ethnic-health": ["one-stop-shops-for-immigrants-lisbon"],
    "municipal-planning-for-integration": ["dublin-integration-strategy-review", "newcomer-offices-in-city-hall"],
    "welcoming-cities-after-the-first-year": ["welcome-desks-for-international-residents", "anti-rumour-handbook"],
    "libraries-as-first-stops": ["libraries-as-language-spaces", "settlement-workers-in-libraries-evaluation"],
}


def _speakers(cities: dict) -> dict[str, Speaker]:
    found = {}
    for item in SPEAKERS:
        found[item["name"]], _ = Speaker.objects.update_or_create(
            name=item["name"],
            defaults={
                "city": cities.get(item["city"]),
                **translated("role", item["role"]),
                **translated("bio", item["bio"]),
            },
        )
    return found


def _webinar(item: dict, starts_at, ends_at, speakers, themes, **extra) -> Webinar:
    webinar, _ = Webinar.objects.update_or_create(
        slug=item["slug"],
        defaults={
            "starts_at": starts_at,
            "ends_at": ends_at,
            "time_zone": item["zone"],
            "language": "en",
            "status": Webinar.Status.PUBLISHED,
            **translated("title", item["title"]),
            **translated("summary", item["summary"]),
            **translated("description", item["description"], clean=sanitize),
            **translated("transcript", item.get("transcript", {})),
            **extra,
        },
    )
    webinar.themes.set([themes[slug] for slug in item["themes"]])
    webinar.related_ideas.set(GoodIdea.objects.filter(slug__in=item["ideas"]))
    webinar.related_resources.set(Resource.objects.filter(slug__in=LIBRARY_RESOURCES.get(item["slug"], [])))
    moderator = speakers["Mei Lin Tan"]
    rows = [(speakers[name], WebinarSpeaker.Role.SPEAKER) for name in item["speakers"]] + [
        (moderator, WebinarSpeaker.Role.MODERATOR)
    ]
    for order, (speaker, role) in enumerate(rows):
        WebinarSpeaker.objects.update_or_create(
            webinar=webinar, speaker=speaker, defaults={"role": role, "order": order}
        )
    WebinarSpeaker.objects.filter(webinar=webinar).exclude(speaker__in=[speaker for speaker, _ in rows]).delete()
    return webinar


def load() -> str:
    cities = {city.slug: city for city in City.objects.all()}
    themes = {theme.slug: theme for theme in Theme.objects.all()}
    speakers = _speakers(cities)
    for item in ARCHIVED:
        starts_at = datetime.fromisoformat(item["starts"]).replace(tzinfo=ZoneInfo(item["zone"]))
        _webinar(item, starts_at, starts_at + timedelta(minutes=75), speakers, themes, recording_url=item["recording"])
    today = timezone.localdate()
    for item in UPCOMING:
        day = today + timedelta(days=item["days_ahead"])
        starts_at = datetime.combine(day, time(item["hour"]), tzinfo=ZoneInfo(item["zone"]))
        _webinar(
            item,
            starts_at,
            starts_at + timedelta(minutes=item["duration"]),
            speakers,
            themes,
            capacity=item["capacity"],
            join_url="https://meet.example.org/learning-exchange",
            recording_url="",
        )
    for item in EVENTS:
        zone = ZoneInfo(item["zone"])
        event, _ = Event.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "starts_on": item["starts_on"],
                "ends_on": item["ends_on"],
                "time_zone": item["zone"],
                "city": cities.get(item["city"]),
                "organisers": item["organisers"],
                "status": Webinar.Status.PUBLISHED,
                **translated("title", item["title"]),
                **translated("summary", item["summary"]),
                **translated("venue", item["venue"]),
                **translated("description", item["description"], clean=sanitize),
            },
        )
        event.themes.set([themes[slug] for slug in item["themes"]])
        kept = []
        for start, end, title, names in item["sessions"]:
            session, _ = Session.objects.update_or_create(
                event=event,
                starts_at=datetime.fromisoformat(start).replace(tzinfo=zone),
                defaults={
                    "ends_at": datetime.fromisoformat(end).replace(tzinfo=zone),
                    "speakers": names,
                    **translated("title", title),
                },
            )
            kept.append(session.pk)
        event.sessions.exclude(pk__in=kept).delete()
        for order, (kind, title, url) in enumerate(item["links"]):
            EventLink.objects.update_or_create(
                event=event, order=order, defaults={"kind": kind, "url": url, **translated("title", title)}
            )
        event.links.filter(order__gte=len(item["links"])).delete()
    return f"{len(SPEAKERS)} speakers, {len(ARCHIVED) + len(UPCOMING)} webinars, {len(EVENTS)} conferences"

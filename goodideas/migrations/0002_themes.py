"""The five themes of Good Ideas in Integration, with stable slugs, in English, French and German."""

from django.db import migrations

THEMES = [
    {
        "slug": "work",
        "name": ("Work", "Travailler", "Arbeiten"),
        "description": (
            "Good Ideas that open the labour market to newcomers: recognising skills and credentials, "
            "mentoring and internships, employers who hire for diversity, and support for migrant entrepreneurs.",
            "Des idées qui ouvrent le marché du travail aux nouveaux arrivants : reconnaissance des compétences "
            "et des diplômes, mentorat et stages, employeurs qui recrutent la diversité, soutien aux "
            "entrepreneurs migrants.",
            "Gute Ideen, die Neuzugewanderten den Arbeitsmarkt öffnen: Anerkennung von Qualifikationen und "
            "Abschlüssen, Mentoring und Praktika, Arbeitgeber, die auf Vielfalt setzen, und Unterstützung für "
            "Unternehmerinnen und Unternehmer mit Migrationsgeschichte.",
        ),
    },
    {
        "slug": "live",
        "name": ("Live", "Vivre", "Leben"),
        "description": (
            "Good Ideas for everyday life in the city: housing, health, safety, public services that reach "
            "everyone, and neighbourhoods where newcomers and long-time residents share public space.",
            "Des idées pour la vie quotidienne en ville : logement, santé, sécurité, services publics "
            "accessibles à tous, et quartiers où nouveaux venus et habitants de longue date partagent "
            "l'espace public.",
            "Gute Ideen für den Alltag in der Stadt: Wohnen, Gesundheit, Sicherheit, öffentliche Dienste, "
            "die alle erreichen, und Nachbarschaften, in denen Neuankömmlinge und Alteingesessene den "
            "öffentlichen Raum teilen.",
        ),
    },
    {
        "slug": "learn",
        "name": ("Learn", "Apprendre", "Lernen"),
        "description": (
            "Good Ideas in language learning, schools, libraries and adult education, helping newcomers of "
            "every age to learn, and helping institutions learn to serve a diverse city.",
            "Des idées pour l'apprentissage des langues, l'école, les bibliothèques et la formation des "
            "adultes : aider les nouveaux arrivants de tout âge à apprendre, et les institutions à servir une "
            "ville diverse.",
            "Gute Ideen zu Spracherwerb, Schule, Bibliotheken und Erwachsenenbildung: Sie helfen "
            "Neuzugewanderten jeden Alters beim Lernen und Institutionen dabei, einer vielfältigen Stadt "
            "gerecht zu werden.",
        ),
    },
    {
        "slug": "connect",
        "name": ("Connect", "Se rencontrer", "Begegnen"),
        "description": (
            "Good Ideas that bring people together: civic participation, culture, sport, volunteering and "
            "intercultural dialogue that build trust and a shared sense of belonging.",
            "Des idées qui rapprochent les gens : participation citoyenne, culture, sport, bénévolat et "
            "dialogue interculturel qui créent la confiance et un sentiment d'appartenance commun.",
            "Gute Ideen, die Menschen zusammenbringen: Bürgerbeteiligung, Kultur, Sport, Ehrenamt und "
            "interkultureller Dialog, die Vertrauen und ein gemeinsames Zugehörigkeitsgefühl stiften.",
        ),
    },
    {
        "slug": "plan",
        "name": ("Plan", "Planifier", "Planen"),
        "description": (
            "Good Ideas in city strategy and governance: integration plans, welcoming policies, data, "
            "partnerships and leadership that make inclusion part of how the city is run.",
            "Des idées pour la stratégie et la gouvernance urbaines : plans d'intégration, politiques "
            "d'accueil, données, partenariats et leadership qui font de l'inclusion une part de la gestion de "
            "la ville.",
            "Gute Ideen für Stadtstrategie und Verwaltung: Integrationspläne, eine Willkommenspolitik, Daten, "
            "Partnerschaften und Führung, die Teilhabe zu einem Teil der Stadtpolitik machen.",
        ),
    },
]


def create_themes(apps, schema_editor):
    Theme = apps.get_model("goodideas", "Theme")
    for position, theme in enumerate(THEMES):
        names, descriptions = theme["name"], theme["description"]
        Theme.objects.update_or_create(
            slug=theme["slug"],
            defaults={
                "position": position,
                "name": names[0],
                "name_en": names[0],
                "name_fr": names[1],
                "name_de": names[2],
                "description": descriptions[0],
                "description_en": descriptions[0],
                "description_fr": descriptions[1],
                "description_de": descriptions[2],
            },
        )


class Migration(migrations.Migration):
    dependencies = [("goodideas", "0001_initial")]
    operations = [migrations.RunPython(create_themes, migrations.RunPython.noop)]

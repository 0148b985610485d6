"""Themes, countries, cities, organisations and typed places, moved here from goodideas with their tables.

On a database made before the move, the tables exist (goodideas made them): this migration only
tells Django's state that the models now belong to `places` (SeparateDatabaseAndState, no database
operation), and moves their content types, so that permissions (the Editors group's among them) and
the admin's history follow the models. On a new database, goodideas' migrations make the tables
first (this one depends on them) and the rename finds nothing to move.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models

MODELS = ["theme", "country", "city", "organisation", "typedplace"]


def move_content_types(old_label, new_label):
    def run(apps, schema_editor):
        ContentType = apps.get_model("contenttypes", "ContentType")
        db = schema_editor.connection.alias
        taken = set(ContentType.objects.using(db).filter(app_label=new_label).values_list("model", flat=True))
        ContentType.objects.using(db).filter(app_label=old_label, model__in=set(MODELS) - taken).update(
            app_label=new_label
        )

    return run


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("goodideas", "0005_proposals_typed_places"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name='Country',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('name_en', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('name_fr', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('name_de', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('slug', models.SlugField(unique=True, verbose_name='slug')),
                        ('code', models.CharField(help_text='ISO 3166-1 alpha-2, e.g. DE.', max_length=2, unique=True, verbose_name='ISO code')),
                        ('region', models.CharField(choices=[('europe', 'Europe'), ('north-america', 'North America'), ('latin-america', 'Latin America and the Caribbean'), ('asia', 'Asia'), ('middle-east', 'Middle East'), ('africa', 'Africa'), ('oceania', 'Oceania')], db_index=True, max_length=20, verbose_name='region')),
                    ],
                    options={
                        'verbose_name': 'country',
                        'verbose_name_plural': 'countries',
                        'db_table': 'goodideas_country',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='Theme',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('slug', models.SlugField(unique=True, verbose_name='slug')),
                        ('name', models.CharField(max_length=60, verbose_name='name')),
                        ('name_en', models.CharField(max_length=60, null=True, verbose_name='name')),
                        ('name_fr', models.CharField(max_length=60, null=True, verbose_name='name')),
                        ('name_de', models.CharField(max_length=60, null=True, verbose_name='name')),
                        ('description', models.TextField(verbose_name='description')),
                        ('description_en', models.TextField(null=True, verbose_name='description')),
                        ('description_fr', models.TextField(null=True, verbose_name='description')),
                        ('description_de', models.TextField(null=True, verbose_name='description')),
                        ('position', models.PositiveSmallIntegerField(default=0, verbose_name='position')),
                    ],
                    options={
                        'verbose_name': 'theme',
                        'verbose_name_plural': 'themes',
                        'db_table': 'goodideas_theme',
                        'ordering': ['position'],
                    },
                ),
                migrations.CreateModel(
                    name='City',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=100, verbose_name='name')),
                        ('name_en', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('name_fr', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('name_de', models.CharField(max_length=100, null=True, verbose_name='name')),
                        ('slug', models.SlugField(unique=True, verbose_name='slug')),
                        ('latitude', models.FloatField(validators=[django.core.validators.MinValueValidator(-90), django.core.validators.MaxValueValidator(90)], verbose_name='latitude')),
                        ('longitude', models.FloatField(validators=[django.core.validators.MinValueValidator(-180), django.core.validators.MaxValueValidator(180)], verbose_name='longitude')),
                        ('population', models.PositiveIntegerField(blank=True, null=True, verbose_name='population')),
                        ('population_source', models.CharField(blank=True, max_length=200, verbose_name='source of the population figure')),
                        ('population_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year of the population figure')),
                        ('foreign_born_share', models.DecimalField(blank=True, decimal_places=1, max_digits=4, null=True, validators=[django.core.validators.MinValueValidator(0), django.core.validators.MaxValueValidator(100)], verbose_name='residents born abroad (%)')),
                        ('foreign_born_source', models.CharField(blank=True, max_length=200, verbose_name='source of the share born abroad')),
                        ('foreign_born_year', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='year of the share born abroad')),
                        ('profile', models.TextField(blank=True, verbose_name='profile')),
                        ('profile_en', models.TextField(blank=True, null=True, verbose_name='profile')),
                        ('profile_fr', models.TextField(blank=True, null=True, verbose_name='profile')),
                        ('profile_de', models.TextField(blank=True, null=True, verbose_name='profile')),
                        ('country', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='cities', to='places.country', verbose_name='country')),
                    ],
                    options={
                        'verbose_name': 'city',
                        'verbose_name_plural': 'cities',
                        'db_table': 'goodideas_city',
                        'ordering': ['name'],
                    },
                ),
                migrations.CreateModel(
                    name='TypedPlace',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('city_name', models.CharField(max_length=100, verbose_name='city as typed')),
                        ('country_name', models.CharField(blank=True, help_text='When the country is not in the portal yet.', max_length=100, verbose_name='country as typed')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='typed on')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='reviewed on')),
                        ('city', models.ForeignKey(blank=True, help_text='Set once an editor has confirmed or merged the place.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.city', verbose_name='city in the portal')),
                        ('country', models.ForeignKey(blank=True, help_text='The country typed, when it is one the portal knows.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.country', verbose_name='country')),
                    ],
                    options={
                        'verbose_name': 'city to review',
                        'verbose_name_plural': 'cities to review',
                        'db_table': 'goodideas_typedplace',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Organisation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('name', models.CharField(max_length=200, verbose_name='name')),
                        ('kind', models.CharField(choices=[('city-government', 'City government'), ('public-agency', 'Public agency'), ('ngo', 'Non-profit organisation'), ('community-group', 'Community group'), ('library', 'Library'), ('museum', 'Museum'), ('school', 'School'), ('university', 'University or college'), ('business', 'Business'), ('foundation', 'Foundation'), ('network', 'Network'), ('other', 'Other')], default='other', max_length=20, verbose_name='kind')),
                        ('website', models.URLField(blank=True, verbose_name='website')),
                        ('city', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='organisations', to='places.city', verbose_name='city')),
                    ],
                    options={
                        'verbose_name': 'organisation',
                        'verbose_name_plural': 'organisations',
                        'db_table': 'goodideas_organisation',
                        'ordering': ['name'],
                        'constraints': [models.UniqueConstraint(fields=('name', 'city'), name='organisation_unique_name_in_city')],
                    },
                ),
            ],
        ),
        migrations.RunPython(move_content_types("goodideas", "places"), move_content_types("places", "goodideas")),
    ]

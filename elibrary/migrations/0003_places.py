"""Themes, countries, cities, organisations and typed places moved from goodideas to places.

State only: the tables, columns and link tables stay as they are (the places models keep the
goodideas tables), so no row moves.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('elibrary', '0002_checked_uploads'),
        ('places', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='resource',
                    name='cities',
                    field=models.ManyToManyField(blank=True, related_name='resources', to='places.city', verbose_name='cities'),
                ),
                migrations.AlterField(
                    model_name='resource',
                    name='countries',
                    field=models.ManyToManyField(blank=True, related_name='resources', to='places.country', verbose_name='countries'),
                ),
                migrations.AlterField(
                    model_name='resource',
                    name='publisher',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='library_resources', to='places.organisation', verbose_name='publisher'),
                ),
                migrations.AlterField(
                    model_name='resource',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='resources', to='places.theme', verbose_name='themes'),
                ),
            ],
        ),
    ]

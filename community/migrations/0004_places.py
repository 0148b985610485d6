"""Themes, countries, cities, organisations and typed places moved from goodideas to places.

State only: the tables, columns and link tables stay as they are (the places models keep the
goodideas tables), so no row moves.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('community', '0003_profile_place'),
        ('places', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='profile',
                    name='city',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.city', verbose_name='city'),
                ),
                migrations.AlterField(
                    model_name='profile',
                    name='place',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='profiles', to='places.typedplace', verbose_name='city typed'),
                ),
                migrations.AlterField(
                    model_name='topic',
                    name='theme',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='topics', to='places.theme', verbose_name='theme'),
                ),
            ],
        ),
    ]

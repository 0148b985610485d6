"""Themes, countries, cities, organisations and typed places moved from goodideas to places.

State only: the tables, columns and link tables stay as they are (the places models keep the
goodideas tables), so no row moves.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('places', '0001_initial'),
        ('webinars', '0003_checked_uploads'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='event',
                    name='city',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='events', to='places.city', verbose_name='city'),
                ),
                migrations.AlterField(
                    model_name='event',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='events', to='places.theme', verbose_name='themes'),
                ),
                migrations.AlterField(
                    model_name='speaker',
                    name='city',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='speakers', to='places.city', verbose_name='city'),
                ),
                migrations.AlterField(
                    model_name='speaker',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='speakers', to='places.organisation', verbose_name='organisation'),
                ),
                migrations.AlterField(
                    model_name='webinar',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='webinars', to='places.theme', verbose_name='themes'),
                ),
            ],
        ),
    ]

"""Themes, countries, cities, organisations and typed places moved from goodideas to places.

State only: the tables, columns and link tables stay as they are (the places models keep the
goodideas tables), so no row moves.
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('conversations', '0004_subscriber_confirmation_sent_at'),
        ('places', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='item',
                    name='cities',
                    field=models.ManyToManyField(blank=True, related_name='ezine_items', to='places.city', verbose_name='cities'),
                ),
                migrations.AlterField(
                    model_name='item',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='ezine_items', to='places.theme', verbose_name='themes'),
                ),
                migrations.AlterField(
                    model_name='newsitem',
                    name='city',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='news', to='places.city', verbose_name='city'),
                ),
                migrations.AlterField(
                    model_name='newsitem',
                    name='country',
                    field=models.ForeignKey(blank=True, help_text='For news about a whole country; news about a city is found under its country too.', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='news', to='places.country', verbose_name='country'),
                ),
                migrations.AlterField(
                    model_name='newsitem',
                    name='themes',
                    field=models.ManyToManyField(blank=True, related_name='news', to='places.theme', verbose_name='themes'),
                ),
            ],
        ),
    ]

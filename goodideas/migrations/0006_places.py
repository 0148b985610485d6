"""Themes, countries, cities, organisations and typed places moved from goodideas to places.

State only: the ideas' and proposals' columns and link tables point at the same tables as before
(the places models keep the goodideas tables), and the tables stay. The models leave goodideas' state
once every app's references point at places (the dependencies below).
"""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('goodideas', '0005_proposals_typed_places'),
        ('places', '0001_initial'),
        ('community', '0004_places'),
        ('conversations', '0005_places'),
        ('elibrary', '0003_places'),
        ('webinars', '0004_places'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name='goodidea',
                    name='city',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='ideas', to='places.city', verbose_name='city'),
                ),
                migrations.AlterField(
                    model_name='goodidea',
                    name='organisation',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='hosted_ideas', to='places.organisation', verbose_name='host organisation'),
                ),
                migrations.AlterField(
                    model_name='proposal',
                    name='place',
                    field=models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='proposals', to='places.typedplace', verbose_name='city typed'),
                ),
                migrations.AlterField(
                    model_name='goodidea',
                    name='partners',
                    field=models.ManyToManyField(blank=True, related_name='partner_ideas', to='places.organisation', verbose_name='partners'),
                ),
                migrations.AlterField(
                    model_name='goodidea',
                    name='themes',
                    field=models.ManyToManyField(related_name='ideas', to='places.theme', verbose_name='themes'),
                ),
                migrations.DeleteModel(name='TypedPlace'),
                migrations.DeleteModel(name='Organisation'),
                migrations.DeleteModel(name='City'),
                migrations.DeleteModel(name='Country'),
                migrations.DeleteModel(name='Theme'),
            ],
        ),
    ]

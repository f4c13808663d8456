from django.db import migrations

# Version 1 of the specification was seeded here. A fresh database now gets version 2 directly
# from migration 0005, which also moves a database seeded by version 1 onto version 2.


class Migration(migrations.Migration):
    dependencies = [("triage", "0001_initial"), ("guides", "0002_seed_content")]

    operations = []

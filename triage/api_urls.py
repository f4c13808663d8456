# The symptom-check API arrives with the triage rules (see triage/engine.py when it exists).
urlpatterns = []

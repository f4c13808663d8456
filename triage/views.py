from django.shortcuts import render


def start(request):
    return render(request, "triage/start.html")


def rules_placeholder(request):
    """Stands in for the published rule set until the triage rules exist."""
    from django.http import JsonResponse

    return JsonResponse({"version": "0", "levels": [], "findings": []})

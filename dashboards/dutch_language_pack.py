"""Superset's Dutch language pack, with the login page's strings corrected.

Superset 6.1 ships Dutch translations that are wrong on the login page ("Sign in" becomes "Niet
in", "Please enter your username" becomes "Label voor uw zoekopdracht", "Register" becomes
"Vooraf-filter"), and it serves the pack only to logged-in users, so the login page itself is in
English. EZK staff log in first; this serves the corrected pack to everyone. It holds only
translations, no data.
"""

import json
from pathlib import Path

CORRECTIONS = {
    "Sign in": "Inloggen",
    "Enter your login and password below:": "Vul hieronder uw gebruikersnaam en wachtwoord in:",
    "Username:": "Gebruikersnaam:",
    "Password:": "Wachtwoord:",
    "Please enter your username": "Vul uw gebruikersnaam in",
    "Please enter your password": "Vul uw wachtwoord in",
    "Invalid username or password": "Gebruikersnaam of wachtwoord onjuist",
    "Register": "Registreren",
}
PATH = "/superset/language_pack/nl/"


def corrected_pack(original: Path) -> dict:
    pack = json.loads(original.read_text(encoding="utf-8"))
    messages = pack["locale_data"]["superset"]
    for english, dutch in CORRECTIONS.items():
        messages[english] = [dutch]
    return pack


def serve_corrected_dutch_pack(app) -> None:
    """Answer the Dutch language-pack URL with the corrected pack, before Superset's login check."""
    import superset
    from flask import request

    body = json.dumps(corrected_pack(Path(superset.__file__).parent / "translations" / "nl" / "LC_MESSAGES"
                                     / "messages.json"))

    @app.before_request
    def _dutch_language_pack():
        if request.path == PATH and request.method == "GET":
            return app.response_class(body, mimetype="application/json")
        return None

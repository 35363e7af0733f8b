"""Superset's Dutch language pack, with the strings corrected that EZK staff meet first.

Superset 6.1 ships Dutch translations that are wrong on the login page ("Sign in" becomes "Niet
in", "Please enter your username" becomes "Label voor uw zoekopdracht", "Register" becomes
"Vooraf-filter") and in every table's search box (a table of one row says "1 Fout", one error,
which on the data-quality dashboard reads as a finding). It also serves the pack only to logged-in
users, so the login page itself is in English. This serves the corrected pack to everyone; it holds
only translations, no data.
"""

import json
from pathlib import Path

# English message id: Dutch forms (singular, and plural where the id has one).
CORRECTIONS = {
    "Sign in": ["Inloggen"],
    "Enter your login and password below:": ["Vul hieronder uw gebruikersnaam en wachtwoord in:"],
    "Username:": ["Gebruikersnaam:"],
    "Password:": ["Wachtwoord:"],
    "Please enter your username": ["Vul uw gebruikersnaam in"],
    "Please enter your password": ["Vul uw wachtwoord in"],
    "Invalid username or password": ["Gebruikersnaam of wachtwoord onjuist"],
    "Register": ["Registreren"],
    "%s record": ["%s rij", "%s rijen..."],
    "Search %s records": ["Zoek in %s rijen"],
    "All records": ["Alle rijen"],
}
PATH = "/superset/language_pack/nl/"


def corrected_pack(original: Path) -> dict:
    pack = json.loads(original.read_text(encoding="utf-8"))
    messages = pack["locale_data"]["superset"]
    for english, dutch in CORRECTIONS.items():
        messages[english] = list(dutch)
    return pack


def serve_corrected_dutch_pack(app) -> None:
    """Answer the Dutch language-pack URL with the corrected pack, before Superset's login check."""
    import superset
    from flask import request

    body = json.dumps(corrected_pack(Path(superset.__file__).parent / "translations" / "nl" / "LC_MESSAGES" / "messages.json"))

    @app.before_request
    def _dutch_language_pack():
        if request.path == PATH and request.method == "GET":
            return app.response_class(body, mimetype="application/json")
        return None

"""One rule for text the warehouse stores and the dashboards show, wherever it comes from: deliveries,
the snapshot, the CBS connector and the reviewed reference files."""

import re

# Text that a spreadsheet would run as a formula when the data is exported again (CSV injection,
# OWASP), or that a browser would read as markup, is refused rather than stored altered: the
# warehouse keeps what the source published, so the source file is what must change.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[-+]?\d+([.,]\d+)?")  # '-2' is a number to Excel, not a formula
_MARKUP = re.compile(r"<\s*[a-zA-Z!/?]|&#?\w+;")


def unsafe_text_reason(text: str, line_breaks: bool = False) -> str | None:
    """Why this text may not be stored, in Dutch, or None when it is safe. A cell of a delivery holds
    no line break (it is the trace of an unclosed quote); a text in a reference file may."""
    if text.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(text):
        shown = {"\t": "een tab", "\r": "een regeleinde"}.get(text[0], f"'{text[0]}'")
        return (
            f"tekst die begint met {shown} wordt door Excel als formule gelezen. Laat de tekst met een letter of "
            "cijfer beginnen (bijvoorbeeld 'min 5' of 'ca. -5')."
        )
    if _MARKUP.search(text):
        return "tekst met HTML-opmaak (zoals <a>, <script> of &amp;) wordt niet opgeslagen. Lever platte tekst aan."
    if not line_breaks and ("\n" in text or "\r" in text):
        return (
            'de cel bevat een regeleinde. Vaak is dat een aanhalingsteken (") dat niet wordt gesloten; '
            "haal het regeleinde weg of sluit het aanhalingsteken."
        )
    return None


def unsafe_texts(value, where: str = "") -> list[str]:
    """Every string in a parsed YAML document that breaks the rule, as 'where: reason' in Dutch."""
    if isinstance(value, str):
        reason = unsafe_text_reason(value, line_breaks=True)
        return [f"{where or 'tekst'}: '{value[:40]}': {reason}"] if reason else []
    if isinstance(value, dict):
        return [p for key, item in value.items() for p in unsafe_texts(item, f"{where}.{key}" if where else str(key))]
    if isinstance(value, list):
        return [p for i, item in enumerate(value) for p in unsafe_texts(item, f"{where}[{i + 1}]")]
    return []

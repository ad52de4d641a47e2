"""Write every ISO 3166 country into the country lexicons (English and Chinese), from pycountry.

    .venv/bin/pip install pycountry && .venv/bin/python scripts/countries.py

The lexicons had 19 hand-made entries (the countries of the first notices); a
report naming Turkey, the UAE or Kazakhstan as a destination gave nothing.
pycountry carries the ISO 3166 names and their Chinese translations, kept up to
date by its maintainers, so the lists are generated from it rather than typed.
Hand-made entries stay as they are (their ids are in the gold and the stores);
generated ones carry `attrs.iso` and are replaced on each run. Only a developer
runs this (pycountry is in the test extra, where a test checks the files are current): the extractor reads
the JSON files, pycountry is no dependency of it.
"""

from __future__ import annotations

import gettext
import json
import re
from pathlib import Path

import opencc
import pycountry

ROOT = Path(__file__).resolve().parents[1]
EN = ROOT / "patterns" / "lexicons" / "countries.json"
ZH = ROOT / "patterns" / "zh" / "lexicons" / "countries.json"

# ISO codes of the hand-made entries: their ids and forms win.
MANUAL = {"US": "united states", "CN": "china", "MO": "macau", "HK": "hong kong", "RU": "russia", "BY": "belarus",
          "IR": "iran", "KP": "north korea", "JP": "japan", "NL": "netherlands", "TW": "taiwan", "KR": "south korea"}
# Names that are also common words in lower case ('turkey', 'chad', 'jersey'): matched only as written.
AMBIGUOUS = {"turkey", "chad", "georgia", "jordan", "niger", "guinea", "jersey", "guernsey", "panama", "reunion",
             "réunion", "christmas island", "norfolk island"}
# Names reports use that ISO does not give.
ALIASES = {"TR": (["turkey"], []), "GB": (["britain", "great britain"], ["UK", "U.K."]),
           "AE": ([], ["UAE", "U.A.E."]), "MM": (["burma"], []), "CZ": (["czech republic"], []),
           "CI": (["ivory coast"], []), "CV": (["cape verde"], []), "SZ": (["swaziland"], []),
           "MK": (["macedonia"], []),
           "CD": (["democratic republic of the congo", "dr congo", "drc"], []), "PS": (["palestine"], []),
           "BN": (["brunei"], []), "VA": (["vatican", "holy see"], []), "FK": (["falkland islands"], [])}

# Chinese names in common use that pycountry's translations spell otherwise ('吉尔吉斯坦', '波利维亚') or lack.
ZH_ALIASES = {"KG": ["吉尔吉斯斯坦"], "AE": ["阿拉伯联合酋长国"], "CZ": ["捷克"], "MK": ["北马其顿"], "BO": ["玻利维亚"],
              "CD": ["刚果民主共和国", "刚果（金）"], "CG": ["刚果（布）"], "PS": ["巴勒斯坦"], "SA": ["沙特"]}


def _names(country) -> list[str]:
    names = [getattr(country, "common_name", None), country.name, getattr(country, "official_name", None)]
    # 'Korea, Republic of' and 'Taiwan, Province of China' are index forms, never written in running text
    # ('Bonaire, Sint Eustatius and Saba' is a name).
    return list(dict.fromkeys(n for n in names if n and not _INDEX_FORM.search(n)))


_INDEX_FORM = re.compile(r",\s.*(?:\bof|\bthe|Province of China)$")


def _entry_forms(names: list[str], aliases: tuple[list[str], list[str]]) -> tuple[list[str], list[str]]:
    forms, exact = [], list(aliases[1])
    for name in names + [a for a in aliases[0]]:
        lower = name.lower()
        if lower in AMBIGUOUS:
            exact.append(name if name[:1].isupper() else name.title())
        else:
            forms.append(lower)
    return list(dict.fromkeys(forms)), list(dict.fromkeys(exact))


def build(en: dict, zh_lex: dict) -> tuple[dict, dict]:
    """The two lexicons with every ISO 3166 country the hand-made entries do not cover (new dicts)."""
    zh = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["zh_CN"])
    to_traditional = opencc.OpenCC("s2t")
    en = {**en, "entries": [e for e in en["entries"] if "iso" not in e.get("attrs", {})]}
    zh_lex = {**zh_lex, "entries": [e for e in zh_lex["entries"] if "iso" not in e.get("attrs", {})]}
    taken = {e["id"] for e in en["entries"]}
    for country in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        if country.alpha_2 in MANUAL:
            continue
        names = _names(country)
        aliases = ALIASES.get(country.alpha_2, ([], []))
        cid = (names or aliases[0])[0].lower()
        if cid in taken:
            continue
        forms, exact = _entry_forms(names, aliases)
        entry = {"id": cid, "forms": forms, "attrs": {"iso": country.alpha_2}}
        if exact:
            entry["exact"] = exact
        en["entries"].append(entry)
        chinese = [t for n in names if (t := zh.gettext(n)) != n] + ZH_ALIASES.get(country.alpha_2, [])
        chinese = list(dict.fromkeys(chinese + [to_traditional.convert(t) for t in chinese]))
        if chinese:
            zh_lex["entries"].append({"id": cid, "forms": chinese, "attrs": {"iso": country.alpha_2}})
    return en, zh_lex


def main() -> None:
    read = (json.loads(path.read_text(encoding="utf-8")) for path in (EN, ZH))
    for path, lexicon in zip((EN, ZH), build(*read)):
        path.write_text(json.dumps(lexicon, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"{path.relative_to(ROOT)}: {len(lexicon['entries'])} entries")


if __name__ == "__main__":
    main()

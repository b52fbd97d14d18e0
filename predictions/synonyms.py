"""Words that name the same thing or the same outcome, for matching claims with events.

Pure data and two small lookups, no Django. A claim and the event that settles it are written
by different people months apart: "Britain will have left the EU" is settled by "The United
Kingdom formally withdraws from the European Union", "Sweden will be admitted" by "Sweden
joins". Three kinds of equivalence are kept here:

- names: a country and its adjective or people ("Greek", "Greece"), and the common short forms
  of a few bodies ("EU", "UK", "U.S.");
- offices: "prime minister", "White House", "presidency";
- outcome verbs, grouped by what settles a claim. A vote that approves and one that rejects
  settle the same claim, so both map to one word; so do winning and beating someone.

Each entry maps a lower-case word (or phrase) to the canonical words it stands for; the
matcher stems both sides, so only one form of a regular word needs listing.
"""

from __future__ import annotations

import re

# Phrases are replaced before words are split; keys are lower case, matched on word boundaries.
PHRASES: dict[str, str] = {
    "united kingdom": "britain",
    "great britain": "britain",
    "u.k.": "britain",
    # Other Americas are not the United States ("america" alone is).
    "latin america": "latinamerica",
    "south america": "southamerica",
    "central america": "centralamerica",
    "north america": "northamerica",
    "united states": "usa",
    "u.s.": "usa",
    "u.s.a.": "usa",
    "european union": "eu",
    "european central bank": "ecb",
    "federal reserve": "fed",
    "world health organization": "worldhealth",
    "world health organisation": "worldhealth",
    "white house": "president",
    "prime minister": "premier",
    "step down": "resign",
    "steps down": "resigns",
    "stepped down": "resigned",
    "stepping down": "resigning",
    "leave office": "resign",
    "leaves office": "resigns",
    "left office": "resigned",
    "forced out": "ousted",
    "pull out": "leave",
    "pulls out": "leaves",
    "pulled out": "withdrew",
    "strike down": "overturn",
    "strikes down": "overturns",
    "struck down": "overturned",
    "touch down": "land",
    "touches down": "lands",
    "lift off": "launch",
    "lifts off": "launches",
    "blast off": "launch",
    "military operation": "invasion",
    "put off": "postpone",
    "found not guilty": "acquitted",
    "found guilty": "convicted",
}

# Upper-case short forms that are ordinary words in lower case ("US", "WHO").
ACRONYMS: dict[str, str] = {
    "US": "usa",
    "USA": "usa",
    "UK": "britain",
    "EU": "eu",
    "UN": "un",
    "ECB": "ecb",
    "WHO": "worldhealth",
}

_PLACES = """
    afghan:afghanistan albanian:albania algerian:algeria american:usa americans:usa
    america:usa argentine:argentina argentinian:argentina argentinians:argentina
    armenian:armenia australian:australia australians:australia austrian:austria
    azerbaijani:azerbaijan bangladeshi:bangladesh belarusian:belarus belgian:belgium
    bolivian:bolivia bosnian:bosnia brazilian:brazil brazilians:brazil british:britain
    briton:britain britons:britain bulgarian:bulgaria burmese:myanmar cambodian:cambodia
    canadian:canada canadians:canada catalan:catalonia chilean:chile chileans:chile
    chinese:china colombian:colombia colombians:colombia croatian:croatia croat:croatia
    cuban:cuba cypriot:cyprus czech:czechia danish:denmark dutch:netherlands
    ecuadorian:ecuador egyptian:egypt egyptians:egypt english:england estonian:estonia
    ethiopian:ethiopia filipino:philippines finnish:finland finn:finland finns:finland
    french:france georgian:georgia german:germany germans:germany ghanaian:ghana
    greek:greece greeks:greece hungarian:hungary icelandic:iceland indian:india
    indians:india indonesian:indonesia iranian:iran iranians:iran iraqi:iraq iraqis:iraq
    irish:ireland israeli:israel israelis:israel italian:italy italians:italy
    japanese:japan jordanian:jordan kazakh:kazakhstan kenyan:kenya korean:korea
    kosovan:kosovo kurdish:kurdistan latvian:latvia lebanese:lebanon libyan:libya
    lithuanian:lithuania macedonian:macedonia malaysian:malaysia malian:mali
    mexican:mexico mexicans:mexico moldovan:moldova mongolian:mongolia moroccan:morocco
    nepalese:nepal nepali:nepal nigerian:nigeria norwegian:norway pakistani:pakistan
    palestinian:palestine palestinians:palestine peruvian:peru polish:poland pole:poland
    poles:poland portuguese:portugal romanian:romania russian:russia russians:russia
    rwandan:rwanda saudi:saudi scottish:scotland scots:scotland serbian:serbia serb:serbia
    slovak:slovakia slovenian:slovenia somali:somalia spanish:spain spaniards:spain
    sudanese:sudan swedish:sweden swede:sweden swedes:sweden swiss:switzerland
    syrian:syria syrians:syria taiwanese:taiwan thai:thailand tunisian:tunisia
    turkish:turkey turks:turkey ugandan:uganda ukrainian:ukraine ukrainians:ukraine
    venezuelan:venezuela vietnamese:vietnam welsh:wales yemeni:yemen zimbabwean:zimbabwe
"""

_OUTCOMES = {
    # Winning, and beating the other side, settle "X will win".
    "win": """win wins won winning winner winners victory victories victorious defeat defeats
        defeated defeating beat beats beaten beating champion champions championship
        triumph triumphs landslide""",
    # Being elected is winning an election.
    "elect win": "elect elects elected re-elected",
    # Leaving an office; resigning also leaves.
    "resign leave": """resign resigns resigned resigning resignation quit quits quitting
        oust ousts ousted ouster depose deposes deposed overthrow overthrows overthrown
        topple topples toppled removal retire retires retired retirement""",
    "leave": """leave leaves leaving left withdraw withdraws withdrew withdrawn withdrawal
        exit exits exited pull pulls pulled""",
    "remove resign leave": "remove removes removed removing",
    # Joining a body.
    "join": """join joins joined joining accession accede accedes acceded admit admits
        admitted admission member members membership""",
    # A decision settles the claim whichever way it goes.
    "decide": """approve approves approved approval reject rejects rejected rejection ratify
        ratifies ratified ratification accept accepts accepted uphold upholds upheld
        overturn overturns overturned repeal repeals repealed""",
    # A verdict settles the claim whichever way it goes.
    "convict": "convict convicts convicted conviction convictions acquit acquits acquitted acquittal",
    "agree": "agree agrees agreed agreement agreements deal deals accord accords pact",
    "legal": "legalise legalises legalised legalize legalizes legalized legalisation legalization",
    "launch": "launch launches launched launching liftoff fly flies flew flight",
    "land": "land lands landed landing lander touchdown",
    "meet": "meet meets met meeting summit",
    "capture": "take takes took taken capture captures captured seize seizes seized fall falls fell",
    "raise": "raise raises raised hike hikes hiked increase increases increased",
    "invade": "invade invades invaded invading invasion",
    "postpone": "postpone postpones postponed postponement delay delays delayed",
    "invoke": "invoke invokes invoked invoking trigger triggers triggered triggering",
    "declare": "declare declares declared declaration proclaim proclaims proclaimed",
    "president": "presidency presidential",
    "premier": "premiership",
}


def _table() -> dict[str, tuple[str, ...]]:
    table: dict[str, tuple[str, ...]] = {}
    for pair in _PLACES.split():
        word, place = pair.split(":")
        table[word] = (place,)
    for canonical, words in _OUTCOMES.items():
        for word in words.split():
            table[word] = tuple(canonical.split())
    return table


WORDS: dict[str, tuple[str, ...]] = _table()
# The canonical words of outcomes (not of offices or places): what a claim says will happen.
OUTCOMES: frozenset[str] = frozenset(
    word
    for canonical in _OUTCOMES
    for word in canonical.split()
    if word not in ("president", "premier")
)

_PHRASE = re.compile(
    r"(?<![\w.])("
    + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True))
    + r")(?!\w)",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"\b(" + "|".join(ACRONYMS) + r")\b")


def normalise_phrases(text: str) -> str:
    """``text`` with the phrases and short forms above replaced by their canonical word."""
    text = _ACRONYM.sub(lambda m: ACRONYMS[m.group(1)], text)
    return _PHRASE.sub(lambda m: PHRASES[m.group(1).casefold()], text)


def equivalents(word: str) -> tuple[str, ...]:
    """The canonical words ``word`` (lower case) stands for, or ``(word,)``."""
    return WORDS.get(word, (word,))


def surface_forms(canonical: str) -> list[str]:
    """The listed words and phrases that stand for ``canonical``, to search the database with."""
    words = [word for word, targets in WORDS.items() if canonical in targets and word != canonical]
    phrases = [phrase for phrase, target in PHRASES.items() if canonical in equivalents(target)]
    return words + phrases

"""What looks like a forecast but is a plan or a schedule: "I will sign", "the vote will be held".

A speaker's own plans and promises, and events already on the calendar, are not uncertain
outcomes; the guide counts them at most as borderline. These word lists and the test on the
words around a future cue are shared by every kind of cue that reads a future auxiliary.
"""

import re

from predictions.extraction.wordlists import words

# Verbs a speaker does by choice: "I will sign", "we will hold" are plans, not forecasts.
VOLITIONAL = words(
    """
    sign hold announce continue fight make do build bring work keep give take send put
    release veto appeal ask call introduce propose push stand support vote serve meet
    visit travel speak talk address attend host lead try offer provide protect defend
    repeal replace cut raise create invest pay hire start launch open close end stop
    tell explain answer respond review consider look discuss report write post share
    publish return go come stay run nominate appoint pursue seek order use spend not
    never get campaign file sue act move let help follow present unveil outline change
    issue hear face
    """
)
# Verbs nobody chooses: "we will see", "I will lose" are forecasts even in the first person.
NOT_CHOSEN = words(
    """
    see be have need find get face lose win witness suffer regret know learn miss fail
    end hear experience pay
    """
)
# After the auxiliary: the event is on the calendar, its happening is not in doubt.
SCHEDULED = re.compile(
    r"^(?:be\s+(?:held|hosted|moderated|broadcast|televised|streamed|aired|released|published|"
    r"unveiled|sworn\s+in|announced|available|on\s+hand|in\s+attendance|joined|open|closed)|"
    r"take\s+place|air|premiere|debut|headline|testify|perform|tour|host|attend|appear|speak|"
    r"deliver|address|visit|travel|meet(?=\s+(?:with|in|at|on|for|to|privately|today|tomorrow)\b)|"
    r"take\s+effect|go\s+into\s+effect|come\s+into\s+effect|"
    r"campaign|participate|kick\s+off|be\s+heard|hear\s+(?:the\s+)?(?:case|arguments?|appeals?)|"
    r"face\s+off)\b",
    re.IGNORECASE,
)
_SECOND_PERSON = re.compile(r"(?:^|[\s\"(])you\s*$", re.IGNORECASE)
# "I", "we", and the speaker's own household: "my family will never shop there again".
_FIRST_PERSON = re.compile(
    r"(?:^|[\s\"(])(?:i|we|(?:(?:no\s*-?\s*one|none|nobody|everyone|all|both)\s+(?:in|of)\s+)?"
    r"(?:my|our)\s+(?:family|household|wife|husband|partner|kids|children|friends))\s*$",
    re.IGNORECASE,
)
# "I'll be voting": the verb of the progressive is the one that counts.
_PROGRESSIVE_VERB = re.compile(
    r"(?:(?:also|still|then|now|just|never|not|n't|soon|probably|likely)\s+)*be\s+([a-z]+)ing\b",
    re.IGNORECASE,
)
# A day of this week or tonight: the plan is on a calendar.
_SCHEDULE_WORDS = re.compile(
    r"\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|tonight|tomorrow|"
    r"later\s+today|this\s+(?:morning|afternoon|evening|weekend))\b"
)
_SELF_REPORT = re.compile(
    r"(?:\b(?:said|says|say|vowed|vows|vow|promised|promises|promise|pledged|pledges|pledge|"
    r"announced|announces|insisted|insists|claimed|claims|told\s+\w+|undecided\s+whether)|"
    r"(?:\bnot|n't|\bun)\s*sure)\s+(?:that\s+)?(?:he|she|they|it)\s*$",
    re.IGNORECASE,
)
# What a campaign says it is "going to" do that no one can simply choose: an outcome.
_OUTCOME = re.compile(
    r"(?:(?:also|still|then|now|just|probably|really)\s+)*(?:beat|carry|finish|gain|prevail|"
    r"succeed|surprise|do\s+(?:well|better|fine|great)|start\s+(?:to\s+do\s+better|winning|"
    r"chipping)|come\s+back|make\s+up\s+for|pick\s+up|overtake|catch\s+up|close\s+the\s+gap)\b",
    re.IGNORECASE,
)
_FEELING = re.compile(
    r"(?:(?:just|only|really|so|very)\s+)*be\s+(?:(?:so|very|really|just)\s+)?(?:happy|glad|"
    r"pleased|thrilled|delighted|relieved|grateful|proud)\b",
    re.IGNORECASE,
)
_VERB_AFTER_AUXILIARY = re.compile(
    r"(?:(?:also|still|then|now|just|never|not|n't|soon|probably|likely)\s+)*([a-z']+)",
    re.IGNORECASE,
)


def is_own_plan(before: str, following: str, be: bool = False) -> bool:
    """A plan, not a forecast: "I will sign", "we're going to hold", "she said she will run".

    A first-person subject makes any verb a plan except those nobody chooses ("we will see",
    "I will lose"); a second-person subject is advice or a generic case ("you'll need");
    otherwise a verb of choice is a plan when reported from its doer ("said he will sign") or
    put on a calendar ("will announce plans Friday"). ``be`` strips the "am"/"are" of
    "I'm going to".
    """
    subject = before.rstrip()
    if be:
        subject = re.sub(r"\s*(?:'m|'re|am|are)\s*$", "", subject, flags=re.IGNORECASE)
    verb_match = _VERB_AFTER_AUXILIARY.match(following)
    verb = verb_match.group(1).lower() if verb_match else ""
    progressive = _PROGRESSIVE_VERB.match(following)
    if progressive is not None:
        verb = _base_of(progressive.group(1).lower())
    if _FIRST_PERSON.search(subject):
        if _FEELING.match(following):
            return True  # "I'll just be happy when …": a feeling, not an outcome
        return verb not in NOT_CHOSEN and not _OUTCOME.match(following)
    if _SECOND_PERSON.search(subject):
        return True
    if verb not in VOLITIONAL or _OUTCOME.match(following):
        return False  # "he will do well in Tuesday's primary": an outcome, even on a calendar
    clause = re.split(r"[,;:\"”]", following[:80], maxsplit=1)[0]
    return bool(_SELF_REPORT.search(subject) or _SCHEDULE_WORDS.search(clause))


def _base_of(stem: str) -> str:
    """The verb a progressive's stem comes from, as the word lists spell it: "vot" → "vote"."""
    for candidate in (stem, stem + "e", stem[:-1] if stem[-2:-1] == stem[-1:] else stem):
        if candidate in VOLITIONAL or candidate in NOT_CHOSEN:
            return candidate
    return stem

"""The people one text names: full names, surnames, titles, genders, and who was the subject.

Attribution reads a forecast's speaker as the text gives it ("Smith", "the senator", "she");
this index turns that back into the full name given earlier. Names are found by
capitalisation (no gazetteer); a run that carries an organisation, place or date word is not
a person. A pronoun goes to the most recent compatible person who was the subject of a
sentence or a speaker, nearest first: "he" never to someone the text calls "Mrs." or "she".
"""

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from predictions.extraction.sentences import quotation_spans
from predictions.extraction.wordlists import words

Gender = Literal["male", "female"]

TITLES = (
    r"(?:Sen|Sens|Rep|Reps|Gov|Gen|Dr|Mr|Mrs|Ms|Lt|Col|Sgt|Adm|Capt|Prof|Rev|Hon|Amb|Supt|Atty)\.?"
    r"|President|Vice\s+President|Secretary|Speaker|Senator|Governor|Mayor|Chairman|"
    r"Chairwoman|Director|Justice|Judge|Pope|Prime\s+Minister|Minister|Ambassador|"
    r"Representative|Congressman|Congresswoman|Councilman|Commissioner|Chancellor|King|Queen|"
    r"Prince|Sheriff|General|Admiral|Attorney\s+General|Chief\s+Justice|Leader|Majority\s+Leader|"
    r"Minority\s+Leader|Democratic|Republican|GOP|Former|former|Candidate|Nominee|Professor|"
    r"Premier|Deputy|Councillor|Councilor|Alderman|Treasurer|MP|MPP|Chief"
)
_INNER_TITLE = re.compile(
    r"^.*\b(?:Leader|Secretary|Speaker|President|Senator|Governor|Chairman|Chairwoman|"
    r"Director|Minister|Spokesman|Spokeswoman|Sen\.|Rep\.|Gov\.|Mr\.|Mrs\.|Ms\.|Dr\.|Gen\.)\s+"
    r"(?=[A-Z])"
)
TITLE_PREFIX = re.compile(r"^(?:(?:" + TITLES + r")\s+)+")
# Every match opens with a capital or with "former" (the one title in lowercase): the lookahead
# says so, and spares the titles' alternation at every other word.
_PERSON = re.compile(
    r"\b(?=[A-Zf])(?:(?P<title>" + TITLES + r")\s+)?(?P<name>[A-Z][a-z]+(?:[-'][A-Z][a-z]+)?"
    r"(?:\s+(?:[A-Z]\.\s+)?(?:[A-Z][a-z]+|[A-Z][a-z]*[A-Z][a-z]+)(?:[-'][A-Z][a-z]+)?){1,2})\b"
)
_TITLED_SURNAME = re.compile(r"\b(?P<title>Mr|Mrs|Ms|Miss)\.?\s+(?P<surname>[A-Z][a-z]+)")
_SURNAME = re.compile(r"\b[A-Z][a-z]+\b")

# Pronouns, articles and connectives: never a name, nor the first word of one.
FUNCTION_WORDS = words(
    """
    The This That These Those It He She They We I You In On At If When But And
    """
)
# Words that make a capitalised run an organisation, a place or a date, not a person.
NOT_PERSON_WORDS = FUNCTION_WORDS | words(
    """
    Center Centre Institute Party House Department Committee Association University News
    Times Post Court Congress Senate Foundation Inc Company Bank Council Union Campaign
    Street States America American Americans Republicans Democrats Republican Democratic
    Office Administration Agency Board Service Group Club Fund Reserve Journal Press
    Network Media Review Report County City State Capitol Hill Valley Coast Monday
    Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December Sept Oct Nov Dec Jan Feb Aug
    Day Election Poll Debate Act Bill Plan Care Obamacare Twitter Facebook North South
    East West New United Kingdom Federal National International Russian Ukrainian
    European Mexican Chinese Fox CNN NBC ABC CBS MSNBC Clinton's Trump's White Black
    Wall Supreme Ohio Florida Pennsylvania Virginia Carolina York Texas
    """
)
FIRST_WORDS_NOT_NAMES = FUNCTION_WORDS | words(
    """
    As For With After Before While Although Though Because So Yet Still However
    Meanwhile Now Then There Here What Why How Who Where Asked Speaking According Even
    Also Only Just Like Unlike Despite During Since Until Under Over Among Without
    Within Whether Both Either Neither Every Each Many Most Some Several Few Other
    Another Such No Not Our Their His Her Its My Your
    """
)
# Common given names, for the pronoun that can refer to a person: "she" is not Donald Trump.
_FEMALE_NAMES = words(
    """
    mary patricia jennifer linda elizabeth barbara susan jessica sarah karen nancy lisa
    betty margaret sandra ashley kimberly emily donna michelle dorothy carol amanda
    melissa deborah stephanie rebecca sharon laura cynthia kathleen amy angela shirley
    anna brenda pamela emma nicole helen samantha katherine christine debra rachel
    carolyn janet catherine maria heather diane ruth julie olivia joyce virginia
    victoria kelly lauren christina joan evelyn judith megan andrea cheryl hannah
    jacqueline martha gloria teresa ann sara madison frances kathryn janice jean abigail
    alice judy sophia grace denise amber doris marilyn danielle beverly isabella theresa
    diana natalie brittany charlotte marie kayla alexis lori hillary hilary chelsea
    condoleezza elizabeth nikki sarah michele carly kellyanne huma donna debbie nancy
    elena sonia ruth kamala tulsi kirsten tammy claire dianne susana jeanne jill melania
    ivanka tiffany hope kellyanne megyn katy omarosa loretta valerie samantha janet
    christine theresa angela marine justine ada mia zoe
    """
)
_MALE_NAMES = (
    words(
        """
    james john robert michael william david richard joseph thomas charles christopher
    daniel matthew anthony mark donald steven paul andrew joshua kenneth kevin brian
    george timothy ronald edward jason jeffrey ryan jacob gary nicholas eric jonathan
    stephen larry justin scott brandon benjamin samuel gregory alexander frank patrick
    raymond jack dennis jerry tyler aaron jose adam nathan henry douglas zachary peter
    kyle walter ethan jeremy harold keith christian roger noah gerald carl terry sean
    austin arthur lawrence jesse dylan bryan joe jordan billy bruce albert willie
    gabriel logan alan juan wayne roy ralph randy eugene vincent russell elijah louis
    bobby philip johnny barack bernie ted marco jeb ben chris mike tim bill newt rand
    rick reince mitch harry chuck lindsey rudy jim tom dick al hugh marco martin ron bob
    reid eliot newt vladimir xi francis boris justin stephen pierre
    """
    )
    - _FEMALE_NAMES
)
_MALE_PRONOUN = words("he him his himself")
_FEMALE_PRONOUN = words("she her hers herself")
_MALE_TITLES = words("Mr Mr. King Prince Congressman Councilman Chairman Spokesman")
_FEMALE_TITLES = words("Mrs Mrs. Ms Ms. Miss Queen Congresswoman Chairwoman Spokeswoman")
# A mention this close after a sentence opens is the sentence's subject, the likeliest
# antecedent of a pronoun in the next one.
_SUBJECT_REACH = 40
# A pronoun looks back over this many mentions, and to a subject no further than this.
_LOOK_BACK = 40
_SUBJECT_DISTANCE = 1500


@dataclass(frozen=True, slots=True)
class Mention:
    offset: int
    name: str
    # A speaker attribution found is a subject; a name's own position is read when asked.
    speaker: bool = False


@dataclass
class DocumentPeople:
    """People named in one part, with where each was named, for pronouns and surnames."""

    text: str
    mentions: list[Mention] = field(default_factory=list)
    by_surname: dict[str, str] = field(default_factory=dict)
    genders: dict[str, Gender] = field(default_factory=dict)  # full name → gender
    speakers: list[Mention] = field(default_factory=list)
    _offsets: list[int] = field(default_factory=list)
    _subjects: dict[int, bool] = field(default_factory=dict)
    _frequency: dict[str, int] = field(default_factory=dict)
    _quotes: list[tuple[int, int]] | None = None
    _quote_starts: list[int] = field(default_factory=list)

    @classmethod
    def read(cls, text: str) -> "DocumentPeople":
        people = cls(text)
        for match in _PERSON.finditer(text):
            name = match.group("name")
            words = name.split()
            if words[0] in FIRST_WORDS_NOT_NAMES and len(words) > 2:
                # "Then David Ames answered": the sentence's first word is not the name's.
                words = words[1:]
                name = " ".join(words)
            if words[0] in FIRST_WORDS_NOT_NAMES or any(w in NOT_PERSON_WORDS for w in words):
                continue
            people.by_surname.setdefault(words[-1].lower(), name)
            gender = _gender_of(words[0], match.group("title"))
            if gender and name not in people.genders:
                people.genders[name] = gender
        for match in _TITLED_SURNAME.finditer(text):
            full = people.by_surname.get(match.group("surname").lower())
            if full and full not in people.genders:
                people.genders[full] = _gender_of("", match.group("title")) or "male"
        # Every mention, by full name or surname alone ("Scott responded"), as the full name.
        for match in _SURNAME.finditer(text):
            full = people.by_surname.get(match.group(0).lower())
            if full:
                people.mentions.append(Mention(match.start(), full))
        people._offsets = [mention.offset for mention in people.mentions]
        return people

    def full_name(self, name: str) -> str:
        """Expand a surname or titled name ("Mr. Obama", "PENCE") to the full name given."""
        bare = TITLE_PREFIX.sub("", name).strip()
        # "Senate Majority Leader Mitch McConnell": the name follows the last title word.
        bare = _INNER_TITLE.sub("", bare) or bare
        words = bare.split()
        if not words:
            return name
        if len(words) == 1 or bare.isupper():
            found = self.by_surname.get(words[-1].lower().removesuffix("'s"))
            if found:
                return found
            if bare.isupper():
                return bare.title()
        return bare

    def heard(self, offset: int, speaker: str) -> None:
        """Record that ``speaker`` was found speaking at ``offset``: the likeliest "he" after."""
        self.speakers.append(Mention(offset, speaker, speaker=True))

    def last_person(self, before: int, pronoun: str | None = None) -> str | None:
        """The person a pronoun at ``before`` stands for: recent, a subject, of its gender.

        Without a pronoun (a role such as "the senator"), the most recent person.
        """
        wanted = _pronoun_gender(pronoun)
        named = bisect.bisect_left(self._offsets, before)
        recent = [m for m in self.speakers if m.offset < before]
        recent += self.mentions[max(0, named - _LOOK_BACK) : named]
        recent.sort(key=lambda m: m.offset, reverse=True)
        fallback = quoted = None
        for mention in recent[:_LOOK_BACK]:
            if pronoun and not _looks_like_person(mention.name):
                continue
            gender = self.genders.get(mention.name)
            if wanted and gender and gender != wanted:
                continue
            if pronoun and not mention.speaker and self._in_quotation(mention.offset):
                # '"Bernie will stay in," he said': the one quoted is not who speaks.
                quoted = quoted or mention.name
                continue
            if fallback is None:
                fallback = mention.name
            if before - mention.offset < _SUBJECT_DISTANCE and self._is_subject(mention):
                return mention.name
        return fallback or quoted

    def _in_quotation(self, offset: int) -> bool:
        if self._quotes is None:
            self._quotes = quotation_spans(self.text)
            self._quote_starts = [start for start, _ in self._quotes]
        at = bisect.bisect_right(self._quote_starts, offset) - 1
        return at >= 0 and offset < self._quotes[at][1]

    def mentions_between(self, start: int, end: int) -> list[Mention]:
        """The mentions of named people from ``start`` to ``end`` (offsets in the text)."""
        low = bisect.bisect_left(self._offsets, start)
        high = bisect.bisect_left(self._offsets, end, low)
        return self.mentions[low:high]

    def name_frequency(self) -> dict[str, int]:
        """How many times the text names each person (full name or surname)."""
        if not self._frequency and self.mentions:
            for mention in self.mentions:
                self._frequency[mention.name] = self._frequency.get(mention.name, 0) + 1
        return self._frequency

    def is_subject(self, mention: Mention) -> bool:
        """Whether ``mention`` is a speaker found, or opens its sentence."""
        return self._is_subject(mention)

    def _is_subject(self, mention: Mention) -> bool:
        if mention.speaker:
            return True
        known = self._subjects.get(mention.offset)
        if known is None:
            known = self._subjects[mention.offset] = _is_subject_position(self.text, mention.offset)
        return known


def _gender_of(first: str, title: str | None) -> Gender | None:
    if title in _MALE_TITLES:
        return "male"
    if title in _FEMALE_TITLES:
        return "female"
    lower = first.lower()
    if lower in _FEMALE_NAMES:
        return "female"
    if lower in _MALE_NAMES:
        return "male"
    return None


def _pronoun_gender(pronoun: str | None) -> Gender | None:
    word = (pronoun or "").lower()
    if word in _MALE_PRONOUN:
        return "male"
    if word in _FEMALE_PRONOUN:
        return "female"
    return None


_SENTENCE_OPENING = re.compile(
    r"(?:^|[.!?]["  # a sentence end, then quotes, spaces and titles
    '"\'”’)]*\\s+|\\n\\s*|[“"]\\s*)'
    r"(?:(?:[A-Z][\w.'’\-]*)\s+){0,5}$"
)


# "As for Trump, he said": the topic just named is who the next pronoun means.
_TOPIC_BEFORE = re.compile(
    r"\b(?:As\s+for|Asked\s+about|Like|Unlike)\s+(?:[A-Z][\w.'’\-]*\s+){0,3}$"
)


def _is_subject_position(text: str, offset: int) -> bool:
    """Whether a name at ``offset`` opens its sentence (after titles or first names)."""
    head = text[max(0, offset - _SUBJECT_REACH) : offset]
    if _SENTENCE_OPENING.search(head) or _TOPIC_BEFORE.search(head):
        return True
    tail = text[offset : offset + 60]
    return bool(re.match(r"[\w.'’\-]+(?:\s+[A-Z][\w'’\-]+)*,?\s+(?:said|says|told|added)\b", tail))


# Words a speaker's name never holds with a capital after its first word: a headline's case
# ("Proposal For …"), not a name ("Bank of England" keeps its "of" small).
_HEADLINE_WORDS = words("For Of To In On At With About And The From By Over Into After")
# A lowercase opening that makes the words a fragment of a clause, not someone who speaks.
_FRAGMENT_OPENING = re.compile(r"^(?:this|that|these|those|it|its|which|what|whom?|s|there|here)\b")
_RELATIVE = re.compile(r"\s(?:who|which|whom|whose)\s")
# Words that open a clause before its subject: "Alongside X calls, a strategist said".
_CLAUSE_OPENERS = words(
    """
    As For With After Before While Although Though Because So Yet Still However Meanwhile
    Alongside Amid Amidst Despite During Since Until Under Over Among Without Within Whether
    Asked Speaking According Even Also Only Just Like Unlike When If But And In On At From
    """
)
# A description cut off before its noun: "… in many", "… of some".
_CUT_OFF = re.compile(r"\b(?:in|of|on|at|for|to|by)\s+(?:many|some|most|all|few|several)$")


def plausible_speaker(name: str) -> bool:
    """Whether ``name`` can be someone who speaks, not a fragment the rules cut from a clause.

    A name ("Ada Park"), a role ("a spokesman for the ministry") and a group ("analysts") can;
    "this", "that was", "man who many", "Proposal For" and "s campaign" cannot.
    """
    words_ = name.split()
    if not words_:
        return False
    if _FRAGMENT_OPENING.match(name) or _RELATIVE.search(f" {name} ") or _CUT_OFF.search(name):
        return False
    if words_[0] in _CLAUSE_OPENERS:
        return False
    return not any(word in _HEADLINE_WORDS for word in words_[1:])


def _looks_like_person(name: str) -> bool:
    return bool(re.fullmatch(r"[A-Z][\w.'\-]*(?:\s+[A-Z][\w.'\-]*){0,3}", name))

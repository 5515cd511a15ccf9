"""Word lists the speaker rules read: reporting verbs, titles, pronouns, first names by gender.

Kept apart from the rules so a newsroom can read (and extend) them in one place.
All entries are lower case; apostrophes are straight.
"""

from __future__ import annotations

__all__ = [
    "ADVERBS",
    "CUES",
    "DETERMINERS",
    "FEMALE",
    "FINAL_ONLY",
    "INVERTIBLE",
    "MALE",
    "NAME_PARTICLES",
    "NOT_NAMES",
    "NP_STOP",
    "PHRASAL_CUES",
    "PRONOUNS",
    "ROLE_NOUNS",
    "TIME_WORDS",
    "TITLES",
]


def _forms(*stems: str) -> frozenset[str]:
    """Each verb given as ``base/3rd/past/ing``; every form listed becomes a cue."""
    out: set[str] = set()
    for stem in stems:
        out.update(stem.split("/"))
    return frozenset(out)


# Verbs that report speech or writing. "told" is here but not in INVERTIBLE: in "told the Mail" the
# phrase after the verb is the hearer, not the speaker.
CUES = _forms(
    "say/says/said/saying",
    "tell/tells/told/telling",
    "add/adds/added/adding",
    "warn/warns/warned/warning",
    "claim/claims/claimed/claiming",
    "argue/argues/argued/arguing",
    "explain/explains/explained/explaining",
    "insist/insists/insisted/insisting",
    "recall/recalls/recalled/recalling",
    "write/writes/wrote/writing",
    "tweet/tweets/tweeted/tweeting",
    "stress/stresses/stressed/stressing",
    "note/notes/noted/noting",
    "ask/asks/asked/asking",
    "reply/replies/replied/replying",
    "respond/responds/responded",
    "continue/continues/continued",
    "declare/declares/declared/declaring",
    "announce/announces/announced/announcing",
    "admit/admits/admitted/admitting",
    "acknowledge/acknowledges/acknowledged/acknowledging",
    "suggest/suggests/suggested/suggesting",
    "observe/observes/observed",
    "remark/remarks/remarked",
    "comment/comments/commented",
    "concede/concedes/conceded/conceding",
    "conclude/concludes/concluded",
    "emphasise/emphasises/emphasised/emphasising",
    "emphasize/emphasizes/emphasized/emphasizing",
    "urge/urges/urged/urging",
    "vow/vows/vowed/vowing",
    "promise/promises/promised/promising",
    "predict/predicts/predicted/predicting",
    "answer/answers/answered",
    "joke/jokes/joked/joking",
    "quip/quips/quipped",
    "boast/boasts/boasted/boasting",
    "complain/complains/complained/complaining",
    "charged",
    "counter/counters/countered",
    "caution/cautions/cautioned",
    "confirm/confirms/confirmed",
    "deny/denies/denied",
    "thunder/thunders/thundered",
    "fume/fumes/fumed",
    "blast/blasts/blasted",
    "slam/slams/slammed",
    "lament/laments/lamented",
    "muse/muses/mused",
    "agree/agrees/agreed",
    "disagree/disagrees/disagreed",
    "believe/believes/believed",
    "think/thinks/thought",
    "report/reports/reported",
    "reveal/reveals/revealed",
    "predict/predicts/predicted",
    "testify/testifies/testified",
    "shout/shouts/shouted",
    "scream/screams/screamed",
    "whisper/whispers/whispered",
    "exclaim/exclaims/exclaimed",
    "maintain/maintains/maintained",
    "contend/contends/contended",
    "assert/asserts/asserted",
    "allege/alleges/alleged",
    "accuse/accuses/accused",
    "describe/describes/described",
    "stated",
    "posted",
    "recount/recounts/recounted",
    "chant/chants/chanted",
    "mock/mocks/mocked",
    "demand/demands/demanded",
    "pledge/pledges/pledged",
    "proclaim/proclaims/proclaimed",
    "retort/retorts/retorted",
    "snap/snaps/snapped",
    "sigh/sighs/sighed",
)

# Cues that may come before their speaker: '"Q," said Gustafson'.
INVERTIBLE = _forms(
    "say/says/said",
    "add/adds/added",
    "ask/asks/asked",
    "explain/explains/explained",
    "write/writes/wrote",
    "warn/warns/warned",
    "continue/continues/continued",
    "reply/replies/replied",
    "recall/recalls/recalled",
    "argue/argues/argued",
    "insist/insists/insisted",
    "note/notes/noted",
    "tweet/tweets/tweeted",
    "declare/declares/declared",
    "quip/quips/quipped",
    "joke/jokes/joked",
    "answer/answers/answered",
    "claim/claims/claimed",
    "stress/stresses/stressed",
    "conclude/concludes/concluded",
    "retort/retorts/retorted",
)

TITLES = frozenset(
    """prof professor dr doctor mr mrs ms miss mx sir dame lord lady sen senator rep representative gov governor
    president gen general col colonel lt lieutenant capt captain maj major sgt sergeant cpl corporal adm admiral
    rev reverend judge justice mayor chancellor minister secretary ambassador pope king queen prince princess
    sheikh rabbi imam father sister cardinal archbishop bishop commissioner speaker supt det insp cmdr commander
    councillor councilman councilwoman assemblyman assemblywoman congressman congresswoman st""".split()
)

PRONOUNS = frozenset("he she they i we it".split())

# Words that may stand before a verb without being the speaker's name.
NOT_NAMES = frozenset(
    """the a an and but or so yet however meanwhile also then still instead indeed later earlier
    in on at by for from with of to into as after before when while if though although because since
    this that these those there here his her their its our my your
    one some many most several all both each such no not
    asked speaking writing interviewed quoted says said
    monday tuesday wednesday thursday friday saturday sunday today yesterday tonight
    january february march april june july august september october november december
    who what when where why how which whose unlike like despite during among against under over about
    according until unless without within through across toward towards amid
    breaking update exclusive watch read photos video
    mr mrs ms dr prof""".split()
)

# Adverbs and auxiliaries allowed between a speaker and the cue: "he has also said".
ADVERBS = frozenset(
    """also later then previously recently once again further has had have was is were are will would
    could may might did does do had been being not never first last quickly simply repeatedly bluntly
    reportedly reputedly allegedly publicly privately flatly angrily tersely often frequently always
    already famously pointedly yesterday today subsequently now just even only""".split()
)

DETERMINERS = frozenset("the a an one another this that his her their its our some several two three".split())

# Lower-case words that end a speaker phrase read rightwards, and cannot be its last word.
NP_STOP = frozenset(
    """who which that when where while as after before because if in on at to of for from with by about
    among between against over under through during without within into onto upon via like unlike toward
    towards across behind beyond near despite
    and but or than then there it he she they we i you is was were are be been has have had will would
    could should may might can not no yes this these those so just also even very
    his her their its our my your him them us me""".split()
)

NAME_PARTICLES = frozenset("de del della da di du van von der den le la bin ibn al el abu dos das".split())

# Common first names by gender, for resolving he/she; an unknown name fits either.
MALE = frozenset(
    """aaron adam alan albert alex alexander alexei andrew andriy anthony antony arthur barack ben benjamin
    bernie bill bob boris brian bruce carl charles chris christopher colin craig dan daniel david dennis
    dmitry dmitri donald doug douglas edward emmanuel eric frank fred gary george gordon greg harry henry
    ian igor ivan jack jacob james jamie jason jeb jeff jeffrey jeremy jerry jim jimmy joe john jonathan
    jose joseph josh juan justin keir keith ken kevin kristian kyrylo larry lee leon liam luke marco mark
    martin matt matthew max michael mike mikhail mitch nathan neil nicholas nick nigel oleg oliver owen
    patrick paul peter philip pierre ralph raymond richard rick rishi robert roger ron ronald rudy ryan
    sam samuel scott sean sergei sergey simon stephen steve steven ted terry thomas tim timothy tom tony
    vladimir volodymyr walter wayne william yevgeny yuri zach""".split()
)
FEMALE = frozenset(
    """abigail alexandra alice alison amanda amy andrea angela ann anna anne barbara betsy beth betty
    carly caroline catherine charlotte chelsea christine claire debbie deborah diana diane donna elizabeth
    ellen emily emma eva fiona hannah heather helen hillary ivanka jane janet jennifer jessica jill joan
    julia julie karen kate katherine kathleen kathryn katie kelly kellyanne kemi kim kristi laura lauren
    linda lisa liz lucy maria marine marie mary megan melania melissa michelle nancy natalia nicola nikki
    olga olena patricia priti rachel rebecca rosie ruth sally samantha sarah sharon sophie stephanie susan
    suzanne theresa ursula victoria yulia""".split()
)

# Cues that report speech only when nothing follows them: "he continued." but not "things continue to".
FINAL_ONLY = _forms("continue/continues/continued", "agree/agrees/agreed", "answer/answers/answered")

# Words that end a phrase before a verb without being a speaker: "last month claimed".
TIME_WORDS = frozenset(
    """day days week weeks month months year years night nights morning mornings afternoon evening
    time times hour hours minute minutes decade decades ago later earlier""".split()
)

# Two-word cues: "Bennett shot back", "she pointed out".
PHRASAL_CUES = frozenset(
    tuple(p.split())
    for p in """shot back|fired back|hit back|shoots back|fires back|hits back|pointed out|points out|went on|
    goes on|chimed in|chimes in|weighed in|weighs in|spoke out|speaks out|wrote back|summed up|sums up|
    cut in|broke in|spoke up""".replace("\n", "").split("|")
)

# Heads of role phrases ("the spokesman", "officials", "a senior official"); plurals by a trailing "s".
ROLE_NOUNS = frozenset(
    """official spokesman spokeswoman spokesperson representative executive critic analyst expert source aide
    adviser advisor officer police prosecutor investigator authority lawmaker legislator senator congressman
    congresswoman politician democrat republican conservative liberal supporter opponent voter resident
    witness protester protestor organizer organiser activist leader chief director president minister
    secretary ambassador diplomat general commander soldier candidate campaign committee ministry department
    government agency office board company firm group statement report study survey poll pollster economist
    scientist researcher professor teacher student doctor lawyer attorney judge court jury member manager
    chairman chairwoman chair founder owner strategist consultant operative staffer staff insider observer
    commentator columnist journalist reporter editor author writer historian veteran delegate governor mayor
    councillor councilman councilwoman sheriff detective agent worker employee union father mother son daughter
    wife husband friend neighbour neighbor man woman people person family relative colleague partner host
    anchor moderator audience crowd fan people parent child children kremlin ministry embassy white-house
    pentagon military army navy regulator watchdog spokesmen spokeswomen men women""".split()
)

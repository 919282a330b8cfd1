"""Negative evidence for the safeguarding flag: frames in which risky words carry no risk.

Residents use the words of risk about other things:
- policy, news and events: "the suicide prevention strategy", "posters for the domestic abuse
  helpline", "homelessness figures", "a charity that supports young people who self-harm";
- idioms: "I nearly had a heart attack at the bill", "over my dead body", "losing the will to
  live on hold", "I'll murder a coffee", "at the end of my tether with the parking";
- accidents on the council's things: "tripped on a paving slab and bruised his hip", "hurt
  herself on the trampoline springs";
- reassurance: "he's fine now", "nothing serious", "happy that way".

A pattern match (classifiers.safeguarding) in the same sentence as a policy, idiom or accident
frame counts at half weight and is not firm evidence (so it does not halve the threshold), like
a negated match. Every frame is also a feature of the head (classifiers.safeguarding_head), which
learns how far it lowers the score. Matched against normalised text (safeguarding.normalise).
"""
import functools
import re

import numpy as np

# The subjects of policy talk: risks named as topics rather than as happening to someone.
TOPIC = (r"(?:suicide|suicidal|self[- ]?harm\w*|mental health|domestic (?:abuse|violence)|abuse|violence|"
         r"homeless(?:ness)?|rough sleep\w*|sleeping rough|safeguarding|child (?:protection|exploitation|abuse)|"
         r"exploitation|modern slavery|trafficking|county lines|food ?banks?|hate crime|dementia|loneliness|"
         r"eviction|poverty|fuel poverty|cost of living|knife crime|drugs?|alcohol)")
# What a council, a school or a charity does about a topic (not the services a victim uses).
POLICY_WORD = (r"(?:prevention|strateg(?:y|ies)|training|trained|awareness|consultation|course|courses|posters?|"
               r"leaflets?|statement|clauses?|figures|statistics|stats|numbers|count|talk|talks|sessions?|"
               r"events?|campaign|charity|charities|board|annual report|report|grant|funding|champions?|network|"
               r"awareness (?:week|month|day)|policy|policies|volunteers?|volunteering|collection point|fundraiser|"
               r"fundraising|conference|workshop|webinar|speaker|exhibition|debate|motion|procurement|plans?)")
POLICY = (rf"\b{TOPIC}\s+(?:[\w']+\s+){{0,2}}?{POLICY_WORD}\b"
          rf"|\b{POLICY_WORD}\s+(?:[\w']+\s+){{0,5}}?(?:on|about|for|against|supporting|supports|raising|into|"
          rf"around|tackling|to (?:end|stop|prevent|tackle))\s+(?:[\w']+\s+){{0,4}}?{TOPIC}\b"
          r"|\b(?:in|on) the (?:paper|papers|news|local news)\b|\bon (?:your|the council'?s?) website\b")
IDIOM = (r"\b(?:nearly|almost|practically|near(?:ly)? enough) had (?:a )?(?:heart attack|coronary|fit|stroke)\b"
         r"|\b(?:gave|give|giving) me (?:a )?(?:heart attack|coronary|fit)\b|\bheart attack when i\b"
         r"|\bover my dead body\b|\b(?:i'?m |i am |we'?re )?dying (?:to (?:know|see|get|go|find)|for (?:a|the|some))\b"
         r"|\bthe death of me\b|\bbored (?:to death|stiff)\b|\bsick to death\b|\bscared the (?:life|hell|living daylights) out\b"
         r"|\b(?:could|would|will|'?ll|gonna|going to) (?:have )?(?:strangled|strangle|murder(?:ed)?|kill(?:ed)?|throttle(?:d)?) "
         r"(?:whoever|the (?:person|idiot|genius) who|a (?:coffee|tea|cuppa|pint|brew|curry|bacon|takeaway)|for a)\b"
         r"|\b(?:will|'?ll|is going to|gonna|would) (?:kill|murder) me if i\b|\blosing the will to live\b"
         r"|\bend of (?:my|our) (?:tether|rope) with (?:the|these|this|those|your|our|my)\b"
         r"|\b(?:starving|dying) by the time\b|\bkill(?:s|ing)? (?:me|my back|my knees|my feet)\b(?= (?:from|carrying|with|walking))")
ACCIDENT_THING = (r"(?:pothole|paving|slabs?|kerb|curb|path|pavement|footpath|steps?|stairs|swings?|slide|"
                  r"climbing frame|trampoline|springs|bike|scooter|ice|icy|leaves|glass|sandpit|pitch|bollard|"
                  r"railings?|handrail|roundabout|seesaw|bench|grate|drain|cover|tree root|uneven)")
ACCIDENT = (rf"\b(?:fell|fallen|falls?|slipped|slips|tripped|trips|came off|come off|bumped|grazed|caught)\b"
            rf"(?:\s+[\w']+){{0,6}}?\s+(?:on|off|over|in|into|against|down) (?:a |an |the |some |our |my |his |her )?"
            rf"(?:[\w']+ ){{0,3}}?{ACCIDENT_THING}\b"
            rf"|\b(?:hurt|cut|grazed|bruised|scraped) (?:him|her|my|them)(?:self|selves)? (?:[\w']+ )?(?:on|in) "
            rf"(?:a |an |the |some )?(?:[\w']+ ){{0,5}}?{ACCIDENT_THING}\b")
REASSURANCE = (r"\b(?:he'?s|she'?s|i'?m|we'?re|they'?re|he is|she is|i am|we are) (?:absolutely |perfectly |totally )?"
               r"(?:fine|ok|okay|alright|all right)(?: now)?\b|\bnothing serious\b|\bno harm done\b|\bonly (?:needed )?a plaster\b"
               r"|\bhappy (?:that way|on my own|living alone)\b|\b(?:and|i) love it\b|\blooking forward to\b"
               r"|\b(?:thank you|thanks|many thanks|massive thanks|a credit to|pass on (?:my|our) thanks)\b")

FRAMES = {"policy": POLICY, "idiom": IDIOM, "accident": ACCIDENT, "reassurance": REASSURANCE}
# Frames that take the weight from a pattern match in their sentence.
DISCOUNTING = ("policy", "idiom", "accident")


@functools.cache
def _compiled():
    return {name: re.compile(pattern) for name, pattern in FRAMES.items()}


def frame_features(norm):
    """One value per frame (FRAMES order): 1 when the normalised text holds it, else 0."""
    return np.array([1.0 if regex.search(norm) else 0.0 for regex in _compiled().values()], dtype=np.float32)


def discounts(sentence):
    """Whether a (normalised) sentence holds a frame that takes the weight from a pattern match."""
    compiled = _compiled()
    return any(compiled[name].search(sentence) for name in DISCOUNTING)

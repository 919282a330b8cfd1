"""Pairs of patterns for the safeguarding flag, and the reasons' prototype phrases.

- NEAR (who, what): both in the same sentence is evidence for the reason, e.g. a child
  word near "left alone", an elderly person near "no carers";
- ANYWHERE (who, what): both anywhere in the text, weaker evidence;
- PROTOTYPES: phrases close in meaning to each reason. The trained head learns from them
  (as risky examples), and a flag the patterns did not explain takes the reason whose
  prototypes are nearest.
"""
from classifiers.safeguarding_terms import (ABUSE, ADULT, CANT, CHILD, CHILD_WORD, CRISIS, ELDER_WORD,
                                            HARDSHIP, HAZARD_HOME, HEALTH, HOUSING, SELF_HARM)

VULNERABLE_ADULT = (r"(?:" + ELDER_WORD + r"|cancer|stage (?:3|4|three|four)|terminal\w*|pregnant|"
                    r"mental health|depress\w*|schizophren\w*|bi-?polar|autis\w*|single (?:mum|mother|parent|dad)|"
                    r"on my own with|kidney|heart condition|copd|oxygen|diabet\w*|epilep\w*|dialysis|chemo\w*)")
NEED = (r"(?:" + HAZARD_HOME + r"|boiler (?:broke|is broken|broken|has broken|has gone|packed up|not working)|"
        r"stuck (?:indoors|inside|in the (?:flat|house)|at home)|no (?:shopping|help|support|one|body)|"
        r"alone|on (?:my|his|her|their) own|scared|frightened|terrified|"
        r"(?:not|hasn'?t|haven'?t) been seen|" + CANT + r" (?:feed|get out|leave|cope|manage|afford|drag|lift|"
        r"carry|reach|wash|walk|get up)|capped|cut off|disconnected|fell|fallen|a fall|"
        r"lift (?:is |has )?(?:broken|not working|out of order|broke)|coats? (?:on )?indoors|"
        r"needles|condoms|getting out at night|told (?:me|him|her) to leave|not sleeping|exhausted|"
        r"falling behind|struggling|on my knees|burn(?:t|ed) out|not eating|lost (?:\w+ )?(?:weight|stone))")

NEAR = {
    CHILD: (
        (CHILD_WORD, r"(?:left (?:alone|on (?:their|his|her) own|at home|in the (?:house|car|flat)|unattended|"
                     r"outside|locked)|alone|on (?:their|his|her) own|unsupervised|no adults?|crying|screaming|"
                     r"hungry|no food|not fed|starving|filthy|dirty|neglect\w*|bruis\w*|hit|hits|smack\w*|beaten|"
                     r"(?:not|never|haven'?t|hasn'?t|aren'?t|isn'?t|weren'?t|havent) (?:going|gone|been|attending|"
                     r"attended) (?:to )?school|not in school|missing school|drugs?|dealers?|drunk|drinking|"
                     r"locked (?:in|out)|screams? at|shouts? at|drag(?:s|ged|ging)?|"
                     r"lock(?:s|ed|ing)? (?:him|her|them) (?:out|in)|left at the wrong|no one to collect|"
                     r"stopped eating|asking (?:us |me |people )?for food|begging|eating (?:out of|from)|(?:out|outside) (?:till|until|"
                     r"after) (?:midnight|late|\d+)|stranger|dual carriageway|sleeping on|(?:older|grown) (?:men|"
                     r"lads|boys)|in (?:and out of|cars with)|marks on|burns?|window ledge|(?:nobody|no one|no-one) (?:seemed to be |was |is )?watching)"),
        (CHILD_WORD, HAZARD_HOME),
        (CHILD_WORD, r"(?:asthma|chest infection|bronchiolitis|hospital|ill|sick|poorly|cough)\b.{0,60}"
                     r"(?:mou?ld|damp|cold|heating)"),
        (r"(?:pregnant|expecting a baby|due date|newborn|new born)", HAZARD_HOME),
        (r"(?:temporary accommodation|b ?& ?b|hostel|one room)", CHILD_WORD),
    ),
    ADULT: (
        (ELDER_WORD, r"(?:on (?:her|his|their) own|alone|no (?:one|body)|nobody|without (?:care|carers|help|support|"
                     r"food)|no (?:support|help)|no carers?|carers?|not eaten|hasn'?t eaten|no food|same clothes|"
                     r"soiled|wet (?:bed|through)|fallen|fell|a fall|" + CANT + r" (?:get up|reach|get out|wash|"
                     r"move|walk|manage)|discharged|stuck (?:in|upstairs|downstairs)|sleeping in (?:a|his|her|"
                     r"the) chair|nobody answers|no one answers|confused|lost (?:\w+ )?(?:weight|stone)|"
                     r"stopped (?:his|her) (?:meals|care)|sat in (?:his|her) room)"),
        (ELDER_WORD, HAZARD_HOME),
        (r"(?:my (?:mum|mom|mam|mother|dad|father|nan|gran|grandma|grandad|husband|wife|aunt|uncle|brother|sister|"
         r"son|daughter)|(?:her|his) (?:husband|wife|son|daughter)|he|she|mum|dad|grandad|nan)",
         r"(?:no carers?|carers? (?:haven'?t|have not|didn'?t|never|not|only)|not eaten|hasn'?t eaten|"
         r"same clothes|soiled|" + CANT + r" (?:get up|reach|wash|manage)|on (?:her|his) own|lives alone|"
         r"discharged|sores)"),
    ),
    HEALTH: (
        (r"(?:asthma|copd|lung|breathing|chest)", r"(?:mou?ld|damp|fumes|smoke)"),
        (r"(?:diabetic|insulin|oxygen|medication|dialysis|fridge)", r"(?:no (?:electric\w*|power)|power cut|"
                                                                     r"cut off|run out)"),
        (r"(?:gas|carbon monoxide|co alarm|fumes)", r"(?:not answering|kids sleep|children sleep|baby|alarm "
                                                    r"keeps going off)"),
    ),
    HOUSING: (
        (r"(?:evict\w*|homeless|out on the street|landlord|letting agent|have to leave)",
         r"(?:tomorrow|today|tonight|this week|friday|monday|by the weekend|two weeks|days)"),
        (r"(?:newborn|new born|baby|pregnant|disabled|elderly)", r"(?:no (?:heating|hot water|electric\w*|water)|"
                                                                 r"freezing|mou?ld)"),
        (r"(?:kicked|thrown|chucked) (?:me|us|him|her) out", r"(?:slept|sleeping|night|station)"),
    ),
    ABUSE: (
        (r"(?:she|he|her|him|they|them|mum|dad|child|children|kids|baby|tenant|neighbour|resident|lady|man)",
         r"neglect\w*"),
        (r"(?:husband|partner|boyfriend|wife|girlfriend|ex|son in law|stepdad|brother)",
         r"(?:scared|frightened|afraid|bruises|won'?t leave|screaming|hurt|locks?)"),
        (r"(?:sunglasses|long sleeves)", r"(?:indoors|inside|thrown|flinch\w*)"),
    ),
    SELF_HARM: (
        (r"(?:bridge|railway|train line|motorway|cliff)", r"(?:what stops me|thinking about|end it|jump)"),
    ),
}

ANYWHERE = {
    CHILD: ((CHILD_WORD, NEED), (CHILD_WORD, r"(?:(?:men|man|adults?) (?:wait\w* )?in (?:a )?cars?|(?:go|goes|going) in and "
                                              r"(?:come|comes|coming) out)"), (r"(?:\d{1,2} ?(?:week|month)s?[ -]?old|young (?:girl|boy)|looks? (?:about|around|"
                                 r"only) 1[0-7])", NEED)),
    ADULT: ((VULNERABLE_ADULT, NEED),),
    CRISIS: ((r"(?:carer|caring for|look after|looking after)", r"(?:exhausted|not sleeping|falling behind|"
                                                               r"on my knees|burn(?:t|ed) out|struggling)"),),
    HARDSHIP: ((r"(?:can'?t top up|no (?:gas|electric)|nothing in the cupboards)", CHILD_WORD),),
}

PROTOTYPES = {
    SELF_HARM: ("I can't go on any more and I want to end it all.",
                "I have been having thoughts of killing myself.",
                "He took an overdose last week and is harming himself.",
                "Everyone would be better off without me, I don't want to be here.",
                "I don't know if I'll still be here next month, I've been saving my tablets.",
                "She has been cutting herself and talks about not wanting to wake up."),
    CHILD: ("The children are left alone at home at night with no adult there.",
            "A young child is being hurt and neglected by the parents.",
            "My baby is living in a freezing flat with black mould and no heating.",
            "A young teenage girl is being picked up by older men in cars.",
            "The kids next door are always hungry and dirty and ask us for food.",
            "A little boy was found wandering in the road on his own."),
    HEALTH: ("He collapsed and needed an ambulance.",
             "She has run out of her oxygen and insulin and the power has been cut off.",
             "There is a smell of gas and the carbon monoxide alarm keeps going off.",
             "She fell and lay on the floor all night before anyone found her."),
    ABUSE: ("My partner hits me and I am scared to go home.",
            "The elderly lady next door has bruises and her son takes her money.",
            "Drug dealers have taken over my vulnerable neighbour's flat.",
            "He controls all my money and won't let me see my family.",
            "I hear him shouting and her crying through the wall and things being thrown.",
            "My ex keeps turning up at my door and threatening me."),
    HOUSING: ("We are being evicted tomorrow and have nowhere to go.",
              "I am homeless and sleeping rough in a doorway.",
              "I'm staying on a friend's sofa and have to leave at the weekend with nowhere to go.",
              "I have been sleeping in my car since the landlord changed the locks."),
    ADULT: ("My elderly father with dementia has been left without carers and lives alone.",
            "The care agency haven't turned up and she hasn't eaten for days.",
            "The old man next door hasn't been seen for weeks and his curtains are always closed.",
            "My disabled mum's meals have stopped and she is living on nothing, nobody checks on her."),
    CRISIS: ("I am at breaking point and can't cope any more.",
             "I am desperate, exhausted and have nobody to turn to.",
             "I'm not coping, I can't get out of bed and I've got nothing left."),
    HARDSHIP: ("We are relying on the food bank and can't afford to heat the house.",
               "I have no money left for food for my children.",
               "My benefits were stopped and I have had no gas or electric for days."),
}

# Ordinary complaints that share risky words (children, crisis, housing, cold, "killing me"):
# the head learns from them as "none", so it sees the contrast.
ORDINARY = (
    "The children's play area is broken and the library is freezing in winter.",
    "The school bus is late and the kids wait in the cold.",
    "There is a housing crisis and the council keeps approving expensive flats.",
    "This parking situation is killing me, there are never any spaces.",
    "The road is falling apart and full of potholes.",
    "The street light has been out for weeks and it's dark walking home.",
    "My housing benefit form has not been processed and nobody calls back.",
    "Please can someone from repairs look at the damp patch in my bathroom.",
    "The swimming pool and the council offices are always cold.",
    "My elderly mum wants to thank the bin crew for carrying her bin.",
    "My mum died and I need to close her council tax account.",
    "The bus driver was rude to my son and the warden was abusive to my dad.",
    "The street lights go off at midnight and my relative walks home from a night shift in the dark.",
    "Please can I request a needs assessment for my elderly mum who is finding the stairs hard.",
    "We have waited weeks for a care assessment and the social worker never calls back.",
    "The family support worker was brilliant, we were struggling and things are calmer now.",
    "My child has been off school for weeks because the transport and the school place were refused.",
    "Please call me about short breaks and respite for my disabled son.",
    "The lift in our block is broken and my elderly neighbour can't get to her appointments.",
    "I am a pensioner and the wrong bill and court reminder have caused me a lot of worry.",
)

"""Pairs of patterns for the safeguarding flag, and the reasons' prototype phrases.

- NEAR (who, what): both in the same sentence is evidence for the reason, e.g. a child
  word near "left alone", an elderly person near "no carers";
- ANYWHERE (who, what): both anywhere in the text, weaker evidence;
- PROTOTYPES: phrases close in meaning to each reason. The trained head learns from them
  (as risky examples) and measures each text's closeness to each reason's phrases; a flag the
  patterns did not explain gets the generic reason (safeguarding_terms.CHECK), never the
  nearest prototype's.
"""
from classifiers.safeguarding_terms import (ABUSE, ADULT, CANT, CHILD, CHILD_WORD, CRISIS, ELDER_WORD, EXPLOIT,
                                            HARDSHIP, HAZARD_HOME, HEALTH, HOUSING, SELF_HARM, THREAT)

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

HIGH_PLACE = (r"(?:bridge|railway|train line|motorway|cliff|multi[- ]?storey|top floor|roof|(?:top|edge) of the|"
              r"reservoir|the lake|the river|the canal|the quarry|level crossing|platform edge|the tracks|viaduct)")
# An adult who needs someone with them (disability, dementia), left by a service.
DEPENDENT = (r"(?:autis\w*|non[- ]?verbal|learning (?:disabilit\w*|difficult\w*)|down'?s syndrome|wheelchair|"
             r"epilep\w*|disabled|dementia|blind|bed ?bound|can'?t (?:stand|walk|speak))")
LEFT_BY_A_SERVICE = (r"(?:left (?:sat |sitting |waiting |alone |on (?:his|her) own )?(?:in|on|at|outside) (?:the|a|an) "
                     r"(?:minibus|bus|taxi|van|car|depot|centre|doorstep|step|drive|empty house)|forgot(?:ten)? (?:him|her|"
                     r"them|about (?:him|her|them))|dropped (?:\w+ )?(?:at|off at) an empty|not (?:been )?changed (?:since|for)|"
                     r"no (?:drink|water|food) (?:for|all))")
# An adult's interest in a child that a parent would not know of.
GROOMING = (r"(?:grown man|older man|man (?:in his|of about|aged) (?:\d0s|twenties|thirties|forties|fifties|\d\d)|"
            r"keep (?:it|this) (?:a |our )?secret|(?:not|never) to (?:tell|mention) (?:anyone|anybody|it|me|his mum|her mum|"
            r"his dad|her dad)|between (?:them|the two of them)|turn (?:his|her) (?:camera|webcam) on|gift cards?|"
            r"(?:asks?|asking|wants?) (?:her|him) to meet)")
# Work that a person cannot leave: what a worker is kept in, or without.
WORKPLACE = (r"(?:car ?wash|hand wash|valet\w*|nail bar|takeaway|farm|factory|building site|cannabis|warehouse|"
             r"restaurant|kitchen|boss|employer|gangmaster|the man who runs)")
KEPT = (r"(?:not (?:been )?paid|never (?:been )?paid|no wages|unpaid|£\d+ a day|\d+ (?:days|hours) a (?:week|day)|"
        r"sleep(?:s|ing)? (?:in|on|there|above)|live (?:in|above|on)|living (?:in|above|on)|passports?|documents|"
        r"debt|owes?|never (?:allowed|let) out|not allowed (?:out|to leave)|locked in|collect(?:s|ed)? them|"
        r"picks? them up)")
# "Can't manage" alone, not "can't manage the bins any more" (a request for an assisted collection).
MANAGE = r"manage(?! (?:the |their |his |her |my )?(?:bins?|recycling|garden|paperwork|forms?|online|website|stairs))"
# What a partner who controls someone keeps them from, or what they must hide from him.
SECRECY = (r"(?:don'?t (?:ring|phone|call|write|post|send)|only (?:email|text)|without (?:him|her) knowing|behind (?:his|her) "
           r"back|(?:he|she)'?(?:ll| will) (?:know|find out|see)|found out (?:i|where)|not to tell|angry with me|"
           r"goes mad|when he'?s like that|walking on eggshells|doesn'?t like (?:people|anyone|me)|not (?:let|allowed)|checks my)")
THREAT_WHO = (r"(?:i'?ll|i will|he'?ll|he will|she'?ll|she will|going to|gonna|threaten\w*|said (?:he|she) (?:would|will|'?d)|"
              r"says (?:he|she)(?:'?ll| will| is going to))")
THREAT_WHAT = (r"(?:stab\w*|kill(?! for)|burn (?:\w+ )?(?:down|out)|set fire|petrol|shoot|glass (?:him|her|you)|batter|"
               r"smash (?:his|her|your) (?:face|head)|break (?:his|her|your) (?:legs|neck|jaw)|put (?:a|my) \w+ through|"
               r"knife|machete|regret it|walking away|sort (?:him|her|them|\w+ \w+) out)")

NEAR = {
    CHILD: (
        (CHILD_WORD, r"(?:left (?:alone|on (?:their|his|her) own|at home|in (?:the|a) (?:house|car|van|flat)|unattended|"
                     r"outside|locked)|alone|on (?:their|his|her) own|unsupervised|no adults?|crying|screaming|"
                     r"hungry|no food|not fed|starving|filthy|dirty|neglect\w*|bruis\w*|hit|hits|smack\w*|beaten|"
                     r"(?:not|never|haven'?t|hasn'?t|aren'?t|isn'?t|weren'?t|havent) (?:going|gone|been|attending|"
                     r"attended) (?:to )?school|not in school|missing school|drugs?|dealers?|drunk|drinking|"
                     r"locked (?:in|out)|screams? at|shouts? at|drag(?:s|ged|ging)?|"
                     r"lock(?:s|ed|ing)? (?:him|her|them) (?:out|in)|left at the wrong|no one to collect|"
                     r"stopped eating|asking (?:us |me |people )?for food|begging|eating (?:out of|from)|(?:out|outside) (?:till|until|"
                     r"after) (?:midnight|late|\d+)|out at all hours|"
                     r"(?:not|never|haven'?t|havent|hasn'?t) seen (?:an? |any )?(?:adults?(?! (?:education|learning|"
                     r"social|care|services?|classes|courses?))|grown ?ups?|parents?|(?:their|his|her) (?:mum|mam|mom|dad|"
                     r"mother|father))|stranger|dual carriageway|sleeping on|(?:older|grown) (?:men|"
                     r"lads|boys)|in (?:and out of|cars with)|marks on|burns?|window ledge|(?:nobody|no one|no-one) (?:seemed to be |was |is )?watching)"),
        (CHILD_WORD, HAZARD_HOME),
        (CHILD_WORD, r"(?:balcony|window ?(?:ledge|sill)|railings?|main road)\b.{0,60}\b(?:on (?:his|her|their) own|alone|"
                     r"nobody|no one|no adult)"),
        (CHILD_WORD, r"(?:asthma|chest infection|bronchiolitis|hospital|ill|sick|poorly|cough)\b.{0,60}"
                     r"(?:mou?ld|damp|cold|heating)"),
        (r"(?:pregnant|expecting a baby|due date|newborn|new born)", HAZARD_HOME),
        (r"(?:temporary accommodation|b ?& ?b|hostel|one room)", CHILD_WORD),
        (CHILD_WORD, GROOMING),
    ),
    ADULT: (
        (ELDER_WORD, r"(?:on (?:her|his|their) own|alone|no (?:one|body)|nobody|without (?:care|carers|help|support|"
                     r"food)|no (?:support|help)|no carers?|carers?|not eaten|hasn'?t eaten|no food|same clothes|"
                     r"soiled|wet (?:bed|through)|fallen|fell|a fall|" + CANT + r" (?:get up|reach|get out|wash|"
                     r"move|walk|" + MANAGE + r")|discharged|stuck (?:in|upstairs|downstairs)|sleeping in (?:a|his|her|"
                     r"the) chair|nobody answers|no one answers|confused|lost (?:\w+ )?(?:weight|stone)|"
                     r"stopped (?:his|her) (?:meals|care)|sat in (?:his|her) room|not answering|no answer)"),
        (ELDER_WORD, HAZARD_HOME),
        (r"(?:my (?:mum|mom|mam|mother|dad|father|nan|gran|grandma|grandad|husband|wife|aunt|uncle|brother|sister|"
         r"son|daughter)|(?:her|his) (?:husband|wife|son|daughter)|he|she|mum|dad|grandad|nan)",
         r"(?:no carers?|carers? (?:haven'?t|have not|didn'?t|never|not|only)|not eaten|hasn'?t eaten|"
         r"same clothes|soiled|" + CANT + r" (?:get up|reach|wash|" + MANAGE + r")|on (?:her|his) own|lives alone|"
         r"discharged|sores)"),
        (DEPENDENT, LEFT_BY_A_SERVICE),
    ),
    EXPLOIT: ((WORKPLACE, KEPT),),
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
        (r"(?:photos|pictures|pics|images|videos|nudes)", r"(?:unless|demand\w*|send (?:more )?money|or (?:they|he|she)'?ll|"
                                                        r"threaten\w*|blackmail\w*)"),
    ),
    SELF_HARM: (
        (HIGH_PLACE, r"(?:what stops me|thinking about|think about|end it|jump|looking down|walking into|not coming out|"
                     r"stood there|how it would feel|how (?:easy|quick) it would be)"),
    ),
    THREAT: ((THREAT_WHO, THREAT_WHAT),),
}

ANYWHERE = {
    CHILD: ((CHILD_WORD, NEED), (CHILD_WORD, r"(?:(?:men|man|adults?) (?:wait\w* )?in (?:a )?cars?|(?:go|goes|going) in and "
                                              r"(?:come|comes|coming) out)"), (r"(?:\d{1,2} ?(?:week|month)s?[ -]?old|young (?:girl|boy)|looks? (?:about|around|"
                                 r"only) 1[0-7])", NEED)),
    ADULT: ((VULNERABLE_ADULT, NEED),),
    SELF_HARM: ((HIGH_PLACE, r"(?:(?:nobody|no one) would (?:even )?(?:notice|care|miss)|thinking about it|looking down)"),),
    ABUSE: ((r"(?:husband|partner|boyfriend|girlfriend|my ex|he|him)", SECRECY),),
    HEALTH: ((r"(?:oxygen|dialysis|insulin|ventilator|hoist|stair ?lift|feeding pump)",
              r"(?:meter (?:has )?(?:ran|run) out|no (?:electric\w*|power)|power cut|cut off|broke|broken)"),),
    CRISIS: ((r"(?:carer|caring for|look after|looking after)", r"(?:exhausted|not sleeping|falling behind|"
                                                               r"on my knees|burn(?:t|ed) out|struggling)"),),
    HARDSHIP: ((r"(?:can'?t top up|no (?:gas|electric)|nothing in the cupboards)", CHILD_WORD),),
    EXPLOIT: ((r"(?:minibus|van|bus) (?:\w+ )?(?:picks?|collects?|comes for|takes)", r"(?:\d{1,2}|dozen|ten|twelve) "
               r"(?:men|people|workers|lads|women)"),),
}

PROTOTYPES = {
    SELF_HARM: ("I can't go on any more and I want to end it all.",
                "I have been having thoughts of killing myself.",
                "He took an overdose last week and is harming himself.",
                "Everyone would be better off without me, I don't want to be here.",
                "I don't know if I'll still be here next month, I've been saving my tablets.",
                "She has been cutting herself and talks about not wanting to wake up.",
                "I've given my things away and sorted out who takes the cat, I won't be needing any of it where I'm going.",
                "I stood on the bridge for an hour thinking about it, nobody would even notice if I was gone.",
                "Sorry for everything, I've said my goodbyes and it won't matter soon.",
                "I won't be around much longer, I've made up my mind.",
                "This will be my last message, I've left everything tidy and the letters are on the side.",
                "Cancel it all from the end of the month, there'll be nobody here to use it and I've made my peace."),
    CHILD: ("The children are left alone at home at night with no adult there.",
            "A young child is being hurt and neglected by the parents.",
            "My baby is living in a freezing flat with black mould and no heating.",
            "A young teenage girl is being picked up by older men in cars.",
            "The kids next door are always hungry and dirty and ask us for food.",
            "A little boy was found wandering in the road on his own.",
            "Two small children were left alone in a car for hours.",
            "Older lads pay a young teenager to carry bags of drugs to other towns and he goes missing for nights.",
            "A grown man keeps buying a young girl presents and meeting her after school, and told her to keep it secret."),
    HEALTH: ("He collapsed and needed an ambulance.",
             "She has run out of her oxygen and insulin and the power has been cut off.",
             "There is a smell of gas and the carbon monoxide alarm keeps going off.",
             "She fell and lay on the floor all night before anyone found her."),
    ABUSE: ("My partner hits me and I am scared to go home.",
            "The elderly lady next door has bruises and her son takes her money.",
            "Drug dealers have taken over my vulnerable neighbour's flat.",
            "He controls all my money and won't let me see my family.",
            "I hear him shouting and her crying through the wall and things being thrown.",
            "My ex keeps turning up at my door and threatening me.",
            "Please don't ring or write to my home, he checks my phone and my post and mustn't know I asked for help.",
            "A carer grabbed him so hard it left marks and now he is frightened to go.",
            "Through the wall we hear a woman screaming and begging him to stop and things being smashed.",
            "Her carer takes her bank card and her savings have gone, she has dementia and doesn't understand."),
    EXPLOIT: ("The workers at the car wash are not paid, sleep at the back and the boss keeps their passports.",
              "A van collects a dozen men from the house at dawn, they owe the gang for bringing them here and cannot leave.",
              "She cleans for the family every day for no wages and is never allowed out on her own."),
    THREAT: ("I'm going to hurt him badly next time, I've got a weapon ready by the door.",
             "The man next door says he will stab my son and he carries a knife.",
             "If the council won't sort my neighbour out I will, and he won't walk away.",
             "He threatened to burn our house down with us inside.",
             "If he comes near me again I won't be responsible for what happens to him."),
    HOUSING: ("We are being evicted tomorrow and have nowhere to go.",
              "I am homeless and sleeping rough in a doorway.",
              "I'm staying on a friend's sofa and have to leave at the weekend with nowhere to go.",
              "I have been sleeping in my car since the landlord changed the locks.",
              "No fixed address, I spend my nights in a car park or riding the night bus."),
    ADULT: ("My elderly father with dementia has been left without carers and lives alone.",
            "The care agency haven't turned up and she hasn't eaten for days.",
            "The old man next door hasn't been seen for weeks and his curtains are always closed.",
            "My disabled mum's meals have stopped and she is living on nothing, nobody checks on her.",
            "She can't get to her bed for all the hoarded rubbish, she is living on biscuits and won't accept help.",
            "The elderly man at number 5 hasn't answered his door for a week and his post is piling up.",
            "The day centre transport forgot my disabled brother and left him alone in the minibus for hours."),
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
    "We are moving away so please cancel the garden waste bin and close my council tax account.",
    "How do I give away an old sofa and a fridge, or book a bulky waste collection?",
    "Please book the repair for a weekday when my husband is at home to let you in.",
    "This queue is killing me and I could murder a cup of tea.",
    "The bridge railings need repainting and the canal path is closed.",
    "There are bats roosting in our loft, do we need permission before the roofer comes?",
)

"""Curated patterns for the safeguarding flag (classifiers.safeguarding).

Written for how residents actually write: lower case, missing apostrophes,
common misspellings and UK phrasing. Each reason has
- STRONG patterns: one match flags the text;
- NEAR pairs (who, what): flags when both occur in the same sentence, e.g. a
  child word near "left alone", an elderly person near "no carers".
Patterns are matched against normalised text (lower case, straight
apostrophes, single spaces); see safeguarding.normalise.

When in doubt a phrase goes in: a missed flag costs far more than a second look.
"""

CHILD = "Possible risk to a child"
SELF_HARM = "Mentions self-harm or suicide"
ABUSE = "Possible abuse or neglect"
BEREAVEMENT = "Bereavement"
HEALTH = "Urgent health need"
HOUSING = "Urgent housing need / homelessness"
ADULT = "Vulnerable adult without care"
CRISIS = "Person in crisis or not coping"
HARDSHIP = "Severe hardship (food, heating or money)"

REASONS = (CHILD, SELF_HARM, ABUSE, BEREAVEMENT, HEALTH, HOUSING, ADULT, CRISIS, HARDSHIP)

# Pieces reused below. Apostrophes are optional everywhere ("cant", "can't").
CANT = r"(?:can'?t|cannot|can not|couldn'?t|could not)"
NOT = r"(?:not|never|no longer|n'?t)"
RELATIVE = (r"(?:mum|mom|mam|mother|mummy|dad|father|daddy|husband|hubby|wife|partner|son|daughter|"
            r"baby|child|brother|sister|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|"
            r"granddad|grandfather|grandpa|aunt|auntie|uncle|fiance|fiancee|boyfriend|girlfriend|"
            r"friend|neighbour|twin|stepdad|stepmum|carer)")
CHILD_WORD = (r"(?:child|children|childs|kids?|kiddies|bab(?:y|ies)|toddlers?|infants?|new ?borns?|"
              r"little ones?|little boy|little girl|youngsters?|teenagers?|teens|under ?fives|"
              r"\d{1,2} ?(?:month|week|year|yr)s?[ -]?old|pupils?|school ?kids|grandchildren|"
              r"grandkids|lads?|young lad|(?:i'?m|i am) 1[0-7]\b|(?:my|our|her|his|their) (?:son|daughter|boy|girl)s?)")
ELDER_WORD = (r"(?:elderly|old lady|old man|old woman|old couple|pensioners?|oap|frail|dementia|"
              r"demen[ct](?:ia|ure|sia)|alzh?eimers?|altzheimers|(?:[7-9]\d|1[01]\d) ?(?:years? old|yo|yrs)|"
              r"(?:is|aged|age) (?:[7-9]\d|1[01]\d)\b|(?:i'?m|i am) [6-9]\d\b|disabled|disability|wheelchair|bed ?bound|"
              r"house ?bound|learning disabilit\w*|blind|partially sighted|deaf|vulnerable|"
              r"parkinsons?|ms|multiple sclerosis|mnd|stroke|terminally ill|cancer|"
              r"lives? (?:on (?:her|his|their) own|alone|by (?:her|him)self))")
FAMILY_WORD = (r"(?:my (?:mum|mom|mam|mother|dad|father|nan|gran|grandma|grandad|husband|wife|aunt|uncle|"
               r"brother|sister|son|daughter)|(?:her|his) (?:husband|wife|son|daughter)|he|she|mum|dad)")
HAZARD_HOME = (r"(?:no (?:heating|heat|hot water|water|electric\w*|power|gas|food|cooker)|"
               r"(?:heating|boiler)(?: has| is|'s)? (?:broken|not working|off|isn'?t on|not on|packed up)|"
               r"heating (?:isn'?t|is not|has not been|hasn'?t been) on|"
               r"freezing|so cold|very cold|black mou?ld|mou?ld|damp|"
               r"(?:water|rain) (?:coming|pouring) through (?:the )?(?:ceiling|light)|"
               r"ceiling (?:has )?(?:collapsed|fell|fallen|come down))")

VULNERABLE_ADULT = (r"(?:" + ELDER_WORD + r"|cancer|stage (?:3|4|three|four)|pregnant|mental health|depress\w*|"
                    r"anxiety|autis\w*|single (?:mum|mother|parent|dad)|on my own with|kidney|heart condition|"
                    r"copd|oxygen|diabet\w*|epilep\w*)")
NEED = (r"(?:" + HAZARD_HOME + r"|boiler (?:broke|is broken|broken|has broken|has gone|packed up|not working)|"
        r"like (?:ice|a fridge)|stuck (?:indoors|inside|in the (?:flat|house)|at home)|no (?:shopping|help|support)|"
        r"ill|unwell|poorly|alone|on (?:my|his|her|their) own|scared|frightened|terrified|violent|aggressive|"
        r"drugs?|dealing|dealers?|(?:older|grown|adult) men|(?:not|hasn'?t|haven'?t) been seen|"
        r"" + CANT + r" (?:feed|get out|leave|cope|manage|afford|drag|lift|carry)|capped|cut off|disconnected|"
        r"lift (?:is |has )?(?:broken|not working|out of order|broke)|heating (?:has been |is |was )?off|"
        r"coats? (?:on )?indoors|needles|condoms|getting out at night|told (?:me|him|her) to leave|not sleeping|exhausted|falling behind|struggling|on my knees|burn(?:t|ed) out)")

STRONG = {
    SELF_HARM: (
        r"\b(?:pills|tablets|meds) (?:saved|stockpiled|hidden)\b", r"\bstockpil\w*",
        r"\b(?:scratches|cuts|scars) (?:up |on |all over )?(?:her|his|my|their) (?:arms?|wrists?|legs?)\b",
        r"\b(?:don'?t|do not|can'?t) see the point (?:any ?more|in (?:anything|living|going on))\b",
        r"\b(?:feel|feeling|i'?m|so) (?:completely |totally |so )?(?:hopeless|worthless)\b",
        r"\bgiv(?:e|ing) up on (?:life|living|everything)\b", r"\blife (?:isn'?t|is not|not|aint) worth\b",
        r"\b(?:attempted|tried to) (?:suicide|kill (?:my|him|her)self|end (?:it|my life|his life|her life))\b",
        r"\bsu[aeiy]{0,2}[cs]{1,2}[iy]d(?:e|es|al|ial|le|ally|ing)?\b", r"\bsuicd\w*",
        r"\bkill(?:ing)? (?:my|him|her|them) ?sel(?:f|ves)\b",
        r"\bend(?:ing)? (?:it all|my (?:own )?life|(?:it|things|everything) (?:now|tonight|today))\b",
        r"\bend it\b(?! for)", r"\btake (?:my|his|her|their) (?:own )?li(?:f|v)es?\b",
        r"\bwant(?:ed|s)? to die\b", r"\bwish (?:i|he|she) (?:was|were) dead\b", r"\bready to die\b",
        r"\bbetter off (?:dead|without (?:me|him|her|us))\b",
        r"\bno (?:point|reason|reasons) (?:in |to )?(?:living|live|going on|carrying on|being here)\b",
        r"\bnot worth (?:living|it any ?more|being alive)\b",
        r"\b" + CANT + r" (?:go on|keep going|carry on|do this any ?more|live like this|keep living)\b",
        r"\bself[ -]?harm\w*", r"\bharm(?:ing|ed)? (?:my|him|her|them) ?sel(?:f|ves)\b",
        r"\b(?:cut|cutting|hurt|hurting|burn|burning|starve|starving) (?:my|him|her)sel(?:f|ves)\b",
        r"\bover ?dos(?:e|ed|ing)\b", r"\bod'?d\b", r"\btook (?:all )?(?:(?:my|his|her) )?(?:tablets|pills)\b",
        r"\b(?:jump|jumped|jumping) (?:off|in front of) (?:a |the |that )?(?:bridge|train|building|roof|car|bus)\b",
        r"\b(?:don'?t|do not) want to (?:be here|live|wake up|be alive|go on)\b",
        r"\bhang(?:ing|ed)? (?:my|him|her)self\b", r"\bnoose\b",
    ),
    ABUSE: (
        r"\bhurting (?:her|him|them|me|the kids|the children)\b", r"\bwon'?t let (?:her|him|me) (?:have|go|see|out|leave)\b",
        r"\bhear(?:d)? (?:\w+ )?(?:thuds|screaming|screams|crying|banging|shouting)\b",
        r"\b(?:scared|afraid|frightened|terrified) to go (?:back|home|out)\b",
        r"\b(?:shouting |making )?threats\b", r"\bthreatening (?:me|us|her|him|to)\b", r"\binjunction\b",
        r"\bnon[- ]molestation\b", r"\brestraining order\b", r"\bharass(?:ing|ed|ment)? (?:me|us|her|him)\b",
        r"\bworried (?:about|for) (?:her|him|them|the (?:lady|man|woman|kids|children|family|girl|boy|baby|"
        r"couple|tenant|gentleman)|my (?:neighbour|mum|dad|son|daughter|brother|sister))\b(?! (?:car|bin|fence|"
        r"garden|tree|parking|drive))",
        r"\b(?:welfare (?:check|concern)|concern(?:ed)? for (?:her|his|their) (?:welfare|safety))\b",
        r"\bcheck on (?:her|him|them|the (?:lady|man|woman|kids|children|family|couple|gentleman))\b",
        r"\bviolen(?:t|ce)\b(?! (?:storm|wind|weather|rain))", r"\bassault\w*", r"\battack(?:ed|s|ing)? (?:me|her|him|us)\b",
        r"\bsmash(?:ed|es|ing)? (?:up )?(?:the|my|our|her|his) (?:flat|house|home|things|phone|door)\b",
        r"\b(?:scared|frightened|afraid|terrified) (?:he|she|they)(?:'ll| will| is going to| might)\b",
        r"\b(?:older|grown|adult) men\b", r"\bdealing (?:drugs )?(?:from|out of|in)\b",
        r"\bdrugs? (?:being )?(?:dealt|sold) (?:from|out of|in)\b",
        r"\b(?:hits|hit|hitting|beats|beat|beating|beaten|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|"
        r"kick(?:s|ed|ing)?|chok(?:es|ed|ing)|strangl\w*|push(?:es|ed)|shov(?:es|ed)|thr(?:ew|ows) things at) "
        r"(?:me|her|him|us|my mum|my dad|the kids|the children|the baby)\b",
        r"\bdomestic (?:abuse|violence|violance|viol\w*)\b", r"\b(?:dv|da) (?:victim|survivor|refuge)\b",
        r"\b(?<!badge )(?<!permit )(?<!system )abus(?:e|ed|es|ing|ive|er)\b",
        r"\bcoerc\w*", r"\bcontrolling\b", r"\bnot allowed (?:out|to (?:leave|go out|answer|see|speak|talk|use))\b",
        r"\b(?:isn'?t|is not|aren'?t|am not|wasn'?t) allowed to (?:leave|go out|answer|see|speak|talk|use|have)\b",
        r"\b(?:scared|frightened|afraid|terrified) (?:of (?:him|her|them|my|his)|to go home|for my life)\b",
        r"\b(?:looks?|seems?|she'?s|he'?s|always) (?:so |really |very )?(?:frightened|terrified|scared)\b",
        r"\bbruis\w*", r"\bblack eyes?\b", r"\bmarks on (?:her|his|their|my) (?:arms?|legs?|face|body|neck)\b",
        r"\b(?:takes|taking|taken|took|steals|stealing|stole|stolen) (?:all )?(?:of )?(?:her|his|their|"
        r"my mum'?s|my dad'?s) (?:pension|benefits|money|bank card|cards)\b",
        r"\bfinancial(?:ly)? abus\w*", r"\bsexual(?:ly)? (?:abus\w*|assault\w*|exploit\w*)\b", r"\braped?\b",
        r"\bmolest\w*", r"\binappropriate(?:ly)? touch\w*", r"\btouch\w* (?:me|her|him|them) inappropriately\b",
        r"\bgroom(?:ed|ing)\b", r"\bcuckoo(?:ing|ed)?\b", r"\bcounty lines\b",
        r"\b(?:being exploited|exploited by|criminal(?:ly)? exploit\w*)", r"\btraffick\w*", r"\bmodern slavery\b",
        r"\b(?:dealers?|gang|drug users?) (?:have |has )?(?:taken over|moved into|using|living in|staying in) "
        r"(?:his|her|their|my|the) (?:flat|house|home)\b",
        r"\btaken over (?:my|his|her|their) (?:flat|house|home)\b",
        r"\bthreat(?:en|ened|ening|ens)? to (?:kill|hurt|stab|burn|beat)\b", r"\bstalk(?:ing|ed|er)\b",
        r"\bsafeguarding\b", r"\bfgm\b", r"\bforced (?:to marry|marriage)\b", r"\bhonour (?:based )?violence\b",
        r"\b(?:being|been|is|are|was|were) neglected\b", r"\bneglect(?:s|ing)? (?:her|him|them|the kids|the children)\b",
    ),
    CHILD: (
        r"\bchild (?:protection|abuse|neglect|at risk|in danger|sexual)\b", r"\bkids? (?:left )?(?:home )?alone\b",
        r"\bhome alone\b", r"\bchildren'?s? (?:are )?(?:left )?(?:home )?alone\b",
        r"\bcse\b", r"\bchild exploitation\b", r"\bunaccompanied (?:child|minor)\w*", r"\bmissing child\b",
    ),
    BEREAVEMENT: (
        r"\b(?:my|our|his|her|their|the) (?:late |beloved |dear )?" + RELATIVE + r"s? (?:has |had |have |who |"
        r"that |recently |sadly |just |is |was |suddenly )*(?:died|dead|passed(?= away| on\b|\s*[.,;!?]|\s*$| "
        r"(?:last|recently|suddenly|yesterday|this|earlier|in (?:19|20)\d\d))|past away|was killed|"
        r"lost (?:his|her) (?:life|fight|battle))",
        r"\bpass(?:ed)? away\b", r"\bpast away\b", r"\bbereave\w*", r"\bfuneral\w*", r"\bcremation\b",
        r"\blost (?:my|our|her|his) (?:beloved |dear )?" + RELATIVE + r"s?\b",
        r"\b(?:death|loss|died) of (?:my|our|her|his) (?:beloved |dear )?" + RELATIVE,
        r"\bsince (?:he|she|they|mum|dad) (?:died|passed|went)\b", r"\bwidow(?:ed|er)?\b", r"\bstill ?born\b",
        r"\bmiscarr\w*", r"\bgrie(?:f|ving|ve)\b", r"\bdeath certificate\b", r"\bexecutor\b",
    ),
    HEALTH: (
        r"\bschizophren\w*", r"\bbi-?polar\b", r"\bpsychiatr\w*",
        r"\b(?:stopped|not) taking (?:his|her|my|their) (?:meds|medication|tablets)\b", r"\boff (?:his|her) meds\b",
        r"\bstopped eating\b", r"\bnot eating\b", r"\bfound (?:him |her |them )?(?:on|lying on) the floor\b",
        r"\b(?:been|lay|lying|laid|left) on the floor (?:all night|overnight|for hours)\b",
        r"\b(?:stage (?:3|4|three|four)|terminal|secondary|advanced) (?:cancer|illness)\b", r"\bcancer\b",
        r"\bpregnan\w* and (?:no|without)\b",
        r"\b(?:call(?:ed)?|ring|rang|phoned?|need(?:ed|s)?|wait(?:ed|ing)? for|taken (?:away )?(?:in|by)|"
        r"took (?:him|her|me)|in) (?:for )?an? ambulance\b", r"\ba ?& ?e\b", r"\bchest pains?\b",
        r"\b" + CANT + r" breathe?\b", r"\bstruggl\w* to breathe?\b", r"\bcollaps(?:ed|es|ing) (?:on|at|in)\b",
        r"\bunconscious\b", r"\bseizures?\b", r"\bepilep\w*", r"\bhad a (?:stroke|heart attack|fit|seizure)\b",
        r"\bheart attack\b", r"\b(?:run|ran|running) out of (?:my |his |her |their )?"
        r"(?:meds|medication|medicine|insulin|tablets|oxygen|inhaler)\b",
        r"\bno (?:meds|medication|medicine|insulin|oxygen)\b", r"\bsectioned\b",
        r"\bpsychos[ie]s\b", r"\bpsychotic\b", r"\bhearing voices\b", r"\bmental health crisis\b",
        r"\bcrisis team\b", r"\bgas leak\b", r"\bsmell(?:s|ing)? (?:of )?gas\b", r"\bcarbon monoxide\b",
        r"\belectric shocks?\b", r"\b(?:house|flat|kitchen|home) (?:is |was |caught )?on fire\b", r"\bpalliative\b",
        r"\bterminal(?:ly ill| illness| cancer| diagnosis)\b", r"\bend of life\b", r"\bdialysis\b", r"\bchemo\w*",
        r"\b(?:he|she|they|i|mum|dad)(?:'s| has| have)? (?:fallen|fell) (?:over |down )?(?:twice|three times|"
        r"again|several times|in the night)\b", r"\bon the floor and " + CANT + r" get up\b",
        r"\blying on the floor\b", r"\bneeds? (?:urgent|emergency) (?:medical|hospital)\b",
    ),
    HOUSING: (
        r"\b(?:we'?re|i'?m|we are|i am|we'll be|i'll be) out (?:at|by) the end of\b", r"\bbehind (?:on|with) (?:the |my |our )?rent\b",
        r"\btold (?:me|him|her|us) to (?:leave|get out|move out)\b",
        r"\bliving (?:in|out of) (?:a|the|his|her|my|our|their) (?:car|van|tent|shed|garage)\b",
        r"\bchanged the locks\b", r"\blocked (?:me|us) out\b", r"\billegal(?:ly)? evict\w*",
        r"\bsleep(?:ing|s)? (?:in|on|under) (?:a|the|an) (?:\w+ )?(?:shelter|bench|doorway|stairwell|tent|car|"
        r"van|station|bridge|garage|shed|hallway|floor|subway|underpass)\b",
        r"\bhomeless\w*", r"\bhomless\w*", r"\bsleep(?:ing|s)? (?:rough|on the streets?|outside|in (?:my|the|our|"
        r"a|his|her) (?:car|van|tent|park|doorway|shed|garage|stairwell))\b", r"\brough sleep\w*", r"\bsofa ?surf\w*",
        r"\bevict\w*", r"\bbailiffs?\b", r"\bsection 21\b", r"\bnotice to quit\b",
        r"\b(?:kicked|thrown|chucked|turfed) (?:me|us|her|him|them) out\b",
        r"\b(?:kicked|thrown|chucked|turfed) out of (?:my|our|the|his|her|their) (?:home|house|flat|room|place)\b",
        r"\b(?:been|being|got|get|getting) (?:kicked|thrown|chucked|turfed) out\b",
        r"\bnowhere (?:else )?(?:to|for (?:me|us|them) to) (?:go|live|stay|sleep)\b",
        r"\b(?:living|live|lived|be|end up|ending up|sleeping) on the streets?\b",
        r"\b(?:emergency|temporary) (?:accommodation|housing|shelter)\b", r"\bhostel\b", r"\brefuge\b",
        r"\bunsafe to (?:live|stay|sleep)\b", r"\bnot safe to (?:live|stay|sleep|go home)\b",
        r"\bceiling (?:has )?(?:collapsed|fell in|come down|caved in)\b",
        r"\b(?:lost|losing|lose) (?:my|our|the) (?:home|flat|house|tenancy)\b", r"\brepossess\w*",
    ),
    ADULT: (
        r"\bpolice (?:found|brought) (?:her|him) (?:home|back|on|in|wandering)\b", r"\b" + CANT + r" barely walk\b",
        r"\bcan barely walk\b", r"\blets? strangers in\b",
        r"\bmilk (?:bottles? )?(?:still |are still |is still )?on the (?:door ?)?step\b",
        r"\b(?:i'?m|i am) (?:a|the|her|his|their|my \w+'?s?) (?:full[- ]time |only |unpaid |sole )?carer\b",
        r"\b(?:hasn'?t|has not|haven'?t|have not|not) been seen (?:for|since|in)\b", r"\bpost (?:is )?piling up\b",
        r"\bcurtains (?:haven'?t|have not|not) (?:been )?(?:opened|open|moved)\b",
        r"\bstuck (?:indoors|inside|in (?:the|her|his|my) (?:flat|house|home)) (?:for|since)\b",
        r"\bcarers?(?: from [\w ]{1,30}?)? (?:didn'?t|did not|haven'?t|have not|hasn'?t|has not|never|don'?t|"
        r"do not|no longer) (?:turn|come|show|arrive|visit|been|turned|shown|came)\w*",
        r"\b(?:no|without) (?:a )?care (?:package|plan|in place|visits?|support)\b", r"\bno carers?\b",
        r"\bleft without (?:any )?(?:carers?|care|support|help|food)\b", r"\bmissed (?:care )?visits\b",
        r"\bmissed care calls\b", r"\bvulnerable (?:adult|person|man|woman|lady|gentleman|tenant|resident)\b",
        r"\bself[ -]?neglect\w*", r"\bhoarder\b", r"\bcompulsive hoard\w*",
        r"\bwander(?:s|ing|ed)? (?:off|the streets|at night)\b", r"\bmissing person\b",
        r"\b" + RELATIVE + r" (?:has |have |had )?gone missing\b",
        r"\bdischarged (?:from hospital )?(?:with|without) no\b",
        r"\bnobody (?:is )?(?:checking on|looking after|caring for|visits)\b",
    ),
    CRISIS: (
        r"\bi'?ve had enough\b", r"\bwant (?:all )?(?:of )?(?:this|it) to (?:stop|end)\b", r"\btired of (?:fighting|living)\b",
        r"\bbreaking point\b", r"\b" + CANT + r" cope\b", r"\bnot coping\b", r"\bstruggling to cope\b",
        r"\bend of (?:my|our|her|his) (?:tether|rope)\b", r"\bat my wits'? end\b", r"\bfalling apart\b",
        r"\b(?:i'?m|i am|we'?re|we are|she'?s|he'?s|feel(?:ing)?) (?:so |really |absolutely |getting )?"
        r"desperate\b(?! for (?!help))", r"\bdesperate(?:ly)? (?:for|need(?:s|ing)?) help\b",
        r"\bin crisis\b", r"\bmental breakdown\b", r"\bnervous breakdown\b", r"\bpanic attacks?\b",
        r"\bdepress(?:ed|ion)\b", r"\bno one to turn to\b", r"\bnobody to turn to\b",
        r"\b" + CANT + r" take (?:it |this )?any ?more\b",
        r"\b(?:i|we|she|he) (?:just |really |honestly |simply )?" + CANT + r" take (?:it|this)\b",
    ),
    HARDSHIP: (
        r"\b(?:days|goes|going|go|went) without (?:food|eating|a meal)\b",
        r"\b" + CANT + r" (?:feed|clothe|heat)\b", r"\bno (?:shopping|money)\b",
        r"\buniversal credit (?:hasn'?t|has not|not|still not|never) (?:come|been paid|arrived|paid|gone in)\b",
        r"\bgas (?:has been |was |is )?(?:capped|disconnected)\b",
        r"\bfood ?banks?\b", r"\bfood parcels?\b", r"\b(?:haven'?t|hasn'?t|not|no one has|nobody has) eaten\b",
        r"\bnothing to eat\b", r"\bno food\b", r"\bstarving\b", r"\bskip(?:ping)? meals\b",
        r"\bgo(?:ing)? without (?:food|meals|eating|heating)\b",
        r"\b" + CANT + r" (?:afford|pay for) (?:to )?(?:eat|food|feed|heat|heating|the heating|electric\w*|gas|"
        r"rent|the rent|nappies|formula|milk|to live|my bills|the bills|essentials)\b",
        r"\bno money (?:left|for (?:food|gas|electric|heating|nappies))\b", r"\bdestitut\w*",
        r"\b(?:gas|electric|electricity|meter) (?:has )?(?:run out|been cut off|cut off)\b",
        r"\bemergency (?:credit|payment|grant|fund)\b", r"\bno nappies\b", r"\bno formula\b",
    ),
}

# (who, what): both in one sentence flags the reason.
NEAR = {
    CHILD: (
        (CHILD_WORD, r"(?:left (?:alone|on (?:their|his|her) own|at home|in the (?:house|car|flat)|unattended|"
                     r"outside|locked)|alone|on (?:their|his|her) own|unsupervised|no adults?|crying|screaming|"
                     r"hungry|no food|not fed|starving|dirty|neglect\w*|bruis\w*|hit|hits|smack\w*|beaten|"
                     r"(?:not|never|haven'?t|hasn'?t|aren'?t|isn'?t|weren'?t) (?:going|gone|been|attending|attended) (?:to )?school|not in school|"
                     r"missing school|off school|drugs?|dealers?|drunk|locked in|bullied|bullying|screams? at|"
                     r"shouts? at|drag(?:s|ged|ging)?|lock(?:s|ed|ing)? (?:him|her|them) (?:out|in)|left (?:at|outside)|"
                     r"no one to collect|stopped eating|"
                     r"locked out)"),
        (CHILD_WORD, HAZARD_HOME), (CHILD_WORD, r"(?:asthma|chest infection|hospital|ill|sick|poorly)"),
        (r"(?:pregnant|expecting a baby|due date)", HAZARD_HOME),
    ),
    ADULT: (
        (ELDER_WORD, r"(?:on (?:her|his|their) own|alone|no (?:one|body)|nobody|without (?:care|carers|help|support|"
                     r"food)|no (?:support|help)|no carers?|carers?|not eaten|hasn'?t eaten|no food|same clothes|soiled|wet (?:bed|"
                     r"through)|fallen|fell|a fall|" + CANT + r" (?:get up|reach|get out|wash|move|walk|manage)|"
                     r"discharged|stuck (?:in|upstairs|downstairs)|sleeping in (?:a|his|her|the) chair|"
                     r"nobody answers|no one answers)"),
        (ELDER_WORD, HAZARD_HOME),
        (FAMILY_WORD, r"(?:no carers?|carers? (?:haven'?t|have not|didn'?t|never|not)|not eaten|hasn'?t eaten|"
                      r"same clothes|soiled|" + CANT + r" (?:get up|reach|wash|manage)|on (?:her|his) own|"
                      r"lives alone|discharged)"),
    ),
    HEALTH: (
        (r"(?:asthma|copd|lung|breathing|chest)", r"(?:mou?ld|damp|fumes|smoke)"),
        (r"(?:diabetic|insulin|oxygen|medication|dialysis|fridge)", r"(?:no (?:electric\w*|power)|power cut)"),
    ),
    HOUSING: (
        (r"(?:evict\w*|homeless|out on the street)", r"(?:tomorrow|today|tonight|this week|friday|monday|days?)"),
        (r"(?:newborn|new born|baby|pregnant|disabled|elderly)", r"(?:no (?:heating|hot water|electric\w*|water)|"
                                                                 r"freezing|mou?ld)"),
    ),
    ABUSE: (
        (r"(?:she|he|her|him|they|them|mum|dad|child|children|kids|baby|tenant|neighbour|resident|lady|man)",
         r"neglect\w*"),
    ),
}

# (who, what): both anywhere in the text flags the reason (weaker than NEAR).
ANYWHERE = {
    CHILD: ((CHILD_WORD, NEED), (r"(?:\d{1,2} ?(?:week|month)s?[ -]?old|young (?:girl|boy)|looks? (?:about|around|"
                                 r"only) 1[0-7])", NEED)),
    ADULT: ((VULNERABLE_ADULT, NEED),),
    CRISIS: ((r"(?:carer|caring for|look after|looking after)", r"(?:exhausted|not sleeping|falling behind|"
                                                               r"on my knees|burn(?:t|ed) out|struggling)"),),
}

# Phrases close to each reason for the optional embedding check (build_prototypes).
PROTOTYPES = {
    CHILD: ("The children are left alone at home at night with no adult there.",
            "A young child is being hurt and neglected by the parents.",
            "My baby is living in a freezing flat with black mould and no heating."),
    SELF_HARM: ("I can't go on any more and I want to end it all.",
                "I have been having thoughts of killing myself.",
                "He took an overdose last week and is harming himself."),
    ABUSE: ("My partner hits me and I am scared to go home.",
            "The elderly lady next door has bruises and her son takes her money.",
            "Drug dealers have taken over my vulnerable neighbour's flat."),
    BEREAVEMENT: ("My mum died last month and I am dealing with her affairs.",
                  "My husband passed away and I am grieving."),
    HEALTH: ("He collapsed and needed an ambulance.",
             "She has run out of her medication and is very unwell.",
             "My son was sectioned and is in a mental health crisis."),
    HOUSING: ("We are being evicted tomorrow and have nowhere to go.",
              "I am homeless and sleeping rough in a doorway."),
    ADULT: ("My elderly father with dementia has been left without carers and lives alone.",
            "The care agency haven't turned up and she hasn't eaten for days."),
    CRISIS: ("I am at breaking point and can't cope any more.",
             "I am desperate, exhausted and have nobody to turn to."),
    HARDSHIP: ("We are relying on the food bank and can't afford to heat the house.",
               "I have no money left for food for my children."),
}

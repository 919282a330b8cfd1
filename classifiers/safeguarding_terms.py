"""Curated patterns for the safeguarding flag (classifiers.safeguarding): the reasons,
their severities and the STRONG patterns (one match is strong evidence for a reason).
Same-sentence and same-text pairs are in classifiers.safeguarding_pairs.

Written for how residents actually write: lower case, missing apostrophes, common
misspellings and UK phrasing, risk said indirectly ("I've been saving up my tablets").
Patterns are matched against normalised text (lower case, straight apostrophes, single
spaces; see safeguarding.normalise). They are evidence for the trained head
(classifiers.safeguarding_head), which decides whether to flag: a pattern alone does not.

Ordinary complaints that only mention children, a crisis, housing or the cold are not
risks: "the children's corner is freezing", "the housing crisis", "the road is falling
apart", "this parking is killing me". Patterns are written to need a person at risk.
"""

CHILD = "Possible risk to a child"
SELF_HARM = "Mentions self-harm or suicide"
HEALTH = "Urgent risk to health or life"
ABUSE = "Possible abuse or domestic violence"
HOUSING = "Homeless or about to lose their home"
ADULT = "Vulnerable adult without care"
CRISIS = "Person in crisis or not coping"
HARDSHIP = "Severe hardship (food, heating or money)"
THREAT = "Threat to harm someone"
EXPLOIT = "Modern slavery or labour exploitation"
# The reason of a flag that rests on the head's reading of the text alone, with no pattern
# evidence for any specific reason: it goes to the lowest urgent queue until an officer reads it.
CHECK = "May need a safeguarding check"

REASONS = (SELF_HARM, CHILD, HEALTH, THREAT, ABUSE, EXPLOIT, HOUSING, ADULT, CRISIS, HARDSHIP)

# Severity: 1 is highest. The urgent queues order by it, then by age.
RISK_TO_LIFE_OR_CHILD, ABUSE_OR_VIOLENCE, VULNERABILITY = 1, 2, 3
SEVERITY_WORDS = {
    RISK_TO_LIFE_OR_CHILD: "Risk to life or to a child",
    ABUSE_OR_VIOLENCE: "Abuse or domestic violence",
    VULNERABILITY: "Homelessness, neglect or vulnerability",
}
SEVERITY = {SELF_HARM: 1, CHILD: 1, HEALTH: 1, THREAT: 1, ABUSE: 2, EXPLOIT: 2, HOUSING: 3, ADULT: 3, CRISIS: 3, HARDSHIP: 3,
            CHECK: VULNERABILITY,
            # Reasons earlier versions gave, still on stored flags.
            "Bereavement": 3, "Urgent health need": 1, "Possible abuse or neglect": 2,
            "Urgent housing need / homelessness": 3}

# Pieces reused below. Apostrophes are optional everywhere ("cant", "can't").
CANT = r"(?:can'?t|cannot|can not|couldn'?t|could not)"
RELATIVE = (r"(?:mum|mom|mam|mother|mummy|dad|father|daddy|husband|hubby|wife|partner|son|daughter|"
            r"baby|child|brother|sister|nan|nana|nanna|gran|granny|grandma|grandmother|grandad|"
            r"granddad|grandfather|grandpa|aunt|auntie|uncle|niece|nephew|grandson|granddaughter|"
            r"boyfriend|girlfriend|friend|neighbour|stepdad|stepmum|carer)")
# A place named after children ("the children's corner") is not a child.
CHILD_PLACE = (r"(?!'?s? (?:library|corner|centre|center|play|playground|toilets?|section|area|ward|"
               r"services|reading|book|books|menu|party|club|pool|swimming|theatre|room|department))")
CHILD_WORD = (r"(?:(?:child|children|kids?|kiddies)" + CHILD_PLACE + r"|bab(?:y|ies)|toddlers?|infants?|"
              r"new ?borns?|little ones?|little boy|little girl|youngsters?|teenagers?|teens|under ?fives|"
              r"\d{1,2} ?(?:month|week|year|yr)s?[ -]?old|school ?kids|grandchildren|grandkids|"
              r"grandson|granddaughter|niece|nephew|lads?|young lad|young girl|young boy|"
              r"(?:i'?m|i am|she'?s|he'?s|aged) 1[0-7]\b|(?:girl|boy|lad|kid) (?:of |aged )?(?:about |around )?1[0-7]\b|"
              r"(?:my|our|her|his|their) (?:son|daughter|boy|girl)s?)")
# A child for certain: CHILD_WORD without "her son", "his daughter" or "lads", who may be adults.
YOUNG_WORD = (r"(?:(?:child|children|kids?|kiddies)" + CHILD_PLACE + r"|bab(?:y|ies)|toddlers?|infants?|"
              r"new ?borns?|little ones?|little boy|little girl|youngsters?|teenagers?|under ?fives|"
              r"\d{1,2} ?(?:month|week|year|yr)s?[ -]?old|school ?kids|grandchildren|grandkids|"
              r"(?:i'?m|i am|she'?s|he'?s|aged) 1[0-7]\b|(?:girl|boy|kid) (?:of |aged )?(?:about |around )?1[0-7]\b)")
ELDER_WORD = (r"(?:elderly|old lady|old man|old woman|old couple|old gentleman|pensioners?|oap|frail|"
              r"demen[ct](?:ia|ure|sia)|alzh?eimers?|(?:[7-9]\d|1[01]\d) ?(?:years? old|yo|yrs)|"
              r"(?:is|aged|age|she'?s|he'?s) (?:[7-9]\d|1[01]\d)\b|(?:i'?m|i am) [7-9]\d\b|disabled|"
              r"learning disabilit\w*|blind|partially sighted|deaf|vulnerable|parkinsons?|"
              r"multiple sclerosis|motor neurone|stroke|wheelchair|walking frame|down'?s syndrome|terminally ill|bed ?bound|house ?bound|"
              r"lives? (?:on (?:her|his|their) own|alone|by (?:her|him)self))")
# Danger in a home (not a cold library or swimming pool).
HAZARD_HOME = (r"(?:no (?:heating|heat|hot water|water|electric\w*|power|gas|food|cooker)|"
               r"(?:not had|haven'?t had|without) (?:any )?(?:heating|gas|electric\w*|power|hot water)|"
               r"(?:heating|boiler)(?: has been| had been| has| is still| is| was|'s)? (?:broken|not working|"
               r"off|packed up|gone)|heating (?:isn'?t|is not|has not been|hasn'?t been) on|"
               r"(?:house|flat|home|bedroom|room|place|it) (?:is |was |has been )?(?:freezing|so cold|"
               r"like ice|like a fridge)|freezing (?:in|at) (?:here|home|night|the (?:house|flat))|"
               r"black mou?ld|mou?ld(?:y)? (?:all over|on the walls|in the bedroom)|damp|"
               r"(?:water|rain) (?:coming|pouring) through (?:the )?(?:ceiling|light)|"
               r"ceiling (?:has )?(?:collapsed|fell|fallen|come down))")
PERSON = r"(?:i|we|he|she|they|i'?m|we'?re|he'?s|she'?s|they'?re|i am|we are|he is|she is|they are)"

STRONG = {
    SELF_HARM: (
        r"\b(?:pills|tablets|meds|medication) (?:saved|stockpiled|hidden|hoarded)\b", r"\bstockpil\w*",
        r"\bsaving (?:up )?(?:my|his|her|all (?:my|his|her)) (?:tablets|pills|meds|medication)\b",
        r"\b(?:took|taking|taken|take) too many (?:pills|tablets)\b",
        r"\b(?:scratches|cuts|scars|cutting|cut|cuts) (?:up |on |into |all over )?(?:her|his|my|their) "
        r"(?:arms?|wrists?|legs?)\b",
        r"\b(?:don'?t|do not|can'?t) see the point (?:any ?more|in (?:anything|living|going on))\b",
        r"\b(?:feel|feeling|i'?m|so) (?:completely |totally |so )?(?:hopeless|worthless)\b",
        r"\bgiv(?:e|ing) up on (?:life|living|everything)\b", r"\blife (?:isn'?t|is not|not|aint) worth\b",
        r"\b(?:attempted|tried to) (?:suicide|kill (?:my|him|her)self|end (?:it|my life|his life|her life))\b",
        r"\bsu[aeiy]{0,2}[cs]{1,2}[iy]d(?:e|es|al|ial|le|ally|ing)?\b"
        r"(?! (?:corner|junction|bend|bridge|road|lane|hill|roundabout|crossing|squad|mission))", r"\bsuicd\w*",
        r"\bkill(?:ing)? (?:my|him|her|them) ?sel(?:f|ves)\b",
        r"\bend(?:ing)? (?:it all|my (?:own )?life|(?:it|things|everything) (?:now|tonight|today))\b",
        r"\b(?:i'?ll|i will|he'?ll|he will|she'?ll|she will|going to|gonna|want to) end it\b(?! for)",
        r"\btake (?:my|his|her|their) (?:own )?li(?:f|v)es?\b",
        r"\bwant(?:ed|s)? to die\b", r"\bwish (?:i|he|she) (?:was|were) dead\b", r"\bready to die\b",
        r"\bbetter off (?:dead|without (?:me|him|her|us)|if (?:i|he|she) (?:was|were)n'?t (?:here|around|alive))\b",
        r"\bno (?:point|reason|reasons) (?:in |to )?(?:me )?(?:living|live|going on|carrying on|being here|"
        r"being alive)\b",
        r"\bnot worth (?:living|it any ?more|being alive)\b",
        r"\b" + CANT + r" (?:go on|keep going|carry on|live like this|keep living)\b",
        r"\bhow (?:much )?longer (?:i|he|she) can (?:keep going|go on|carry on|take (?:it|this))\b",
        r"\bself[ -]?harm\w*", r"\bharm(?:ing|ed)? (?:my|him|her|them) ?sel(?:f|ves)\b",
        r"\b(?:cut|cutting|hurt|hurting|burn|burning|starve|starving) (?:my|him|her)sel(?:f|ves)\b",
        r"\b(?:what|something|anything) (?:i'?ll|i will|i might|i may|stupid) (?:do )?to myself\b",
        r"\bdo (?:something|anything) (?:stupid )?to myself\b",
        r"\bover ?dos(?:e|ed|ing)\b", r"\bod'?d\b", r"\btook (?:all )?(?:(?:my|his|her) )?(?:tablets|pills)\b",
        r"\b(?:jump|jumped|jumping) (?:off|in front of) (?:a |the |that )?(?:bridge|train|building|roof|car|bus)\b",
        r"\b(?:don'?t|do not|not|doesn'?t) want(?:ing)? to (?:be here|live|wake up|be alive|go on|exist)\b",
        r"\b(?:go to sleep|sleep) and (?:not|never) wake up\b",
        r"\b(?:a|such a) burden (?:to|on) (?:everyone|everybody|my family|my kids|you all|people)\b",
        r"\b(?:letters?|notes?) (?:to|for) (?:my|the) \w+ (?:in case|for when|for after)\b",
        r"\bgiv(?:e|ing|en) (?:all )?(?:my|his|her) (?:things|stuff|belongings) away\b",
        r"\b(?:given|giving|gave|give) (?:away )?(?:most|all|some) (?:of )?(?:my|his|her) (?:\w+ )?(?:and )?(?:things|stuff|"
        r"belongings|possessions)\b", r"\b(?:given|giving|gave) away (?:my|his|her) (?:things|stuff|belongings)\b",
        r"\bsaid (?:my|his|her|our) goodbyes\b", r"\bafter i'?m gone\b", r"\bwhere i'?m going\b",
        r"\b(?:won'?t|will not|wont|not going to) be (?:here|around) (?:much longer|for (?:much )?longer|to (?:sort|see|use|"
        r"need|pay|worry))\b", r"\bwon'?t matter (?:soon|much longer|after)\b",
        r"\b(?:isn'?t|is not|won'?t be|not) (?:going to be )?(?:a|any) tomorrow\b",
        r"\b(?:nobody|no one|no-one|no body) (?:would|will|'?d) (?:even |really )?(?:notice|miss me|care if i)\b",
        r"\bsorry for everything\b", r"\bwant(?:s|ed)? to disappear\b",
        r"\b(?:i|me) (?:just |could |would |should )?(?:fade|faded|fading|disappear|disappeared) away\b",
        r"\beasier for (?:everyone|everybody|them|my family) (?:if|without) (?:i|me)\b", r"\b(?:i'?m|i am) not coming back\b",
        r"\b(?:sleep for ?ever|go to sleep and stay asleep)\b", r"\bhow many (?:paracetamol|tablets|pills)\b",
        r"\b(?:my|a) (?:own )?way out (?:planned|sorted|ready)\b",
        r"\b(?:this (?:will be|is)|it'?s) my last (?:message|email|letter|note)\b",
        r"\bthe last time i'?ll (?:bother|trouble|contact|write to) (?:you|anyone)\b",
        r"\bleft everything (?:tidy|in order|sorted|ready)\b", r"\bmake it (?:all )?stop (?:myself|for good)\b",
        r"\bnot safe (?:on my own|with myself|to be left (?:alone|on my own))\b",
        r"\b(?:don'?t know if|not sure if|not sure) (?:i'?ll|i will|i'?m going to) (?:still )?be (?:here|around|alive)\b",
        r"\bhang(?:ing|ed)? (?:my|him|her)self\b", r"\bnoose\b",
        r"\b(?:sorted|sorting|put|putting) (?:out )?(?:my|his|her) affairs (?:out|in order)\b",
        r"\bnothing (?:really )?matters (?:much )?any ?more\b",
    ),
    ABUSE: (
        r"\bhurting (?:her|him|them|me|the kids|the children)\b",
        r"\b(?:won'?t|doesn'?t|does not|will not|never) let (?:her|him|me|anyone|anybody|people|us) "
        r"(?:have|go|see|out|leave|visit|speak|talk|near)\b",
        r"\bhear(?:d|ing)? (?:\w+ ){0,3}(?:thuds|screaming|screams|crying|banging|shouting|yelling|begging|things being)\b"
        r"(?! (?:with laughter|in the (?:park|playground)))",
        r"\bbegg(?:ing|ed|s) (?:him|her|them) to stop\b", r"\bstop,? please,? stop\b",
        r"\bwithout (?:him|her|my (?:husband|partner|wife|boyfriend|girlfriend|ex)) (?:knowing|finding out)\b",
        r"\b(?:he|she|my (?:husband|partner|wife|boyfriend))(?:'?ll| will) (?:know|find out) (?:i'?ve|i have|i)\b",
        r"\bdecides? (?:what|how much) (?:i|she|he) (?:can )?(?:spend|eat|wear)\b", r"\b(?:i'?m|i am|she'?s|she is) only allowed\b",
        r"\bpinned (?:me|him|her|them) (?:against|to|down)\b", r"\bhands? (?:round|around) (?:my|her|his) (?:neck|throat)\b",
        r"\b(?:fist|head) through (?:the|a|my|our) (?:door|wall|window)\b", r"\bleft (?:a |big )?(?:marks?|bruises?)\b",
        r"\bgrabbed (?:\w+ ){1,4}(?:so hard|by the (?:wrist|arm|neck|throat|hair))\b",
        r"\btold (?:her|him|them|me) not to tell (?:anyone|anybody)\b",
        r"\b(?:has|takes|took|keeps|kept|got) (?:her|his|their) (?:pension |bank |debit |benefits? )?cards?\b",
        r"\b(?:things|stuff|plates|furniture) (?:being )?(?:thrown|smashed) (?:at|around)\b",
        r"\b(?:scared|afraid|frightened|terrified) to go (?:back|home|out)\b",
        r"\b(?:shouting |making |sending )?threats (?:to|against|at) (?:me|us|her|him|my)\b",
        r"\bthreat(?:en|ening) (?:me|us|her|him|to)\b", r"\binjunction\b",
        r"\bnon[- ]molestation\b", r"\brestraining order\b", r"\bharass(?:ing|ed|ment)? (?:me|us|her|him)\b",
        r"\bworried (?:about|for) (?:her|him|them|the (?:lady|man|woman|kids|children|family|girl|boy|baby|"
        r"couple|tenant|gentleman)|my (?:neighbour|mum|dad|son|daughter|brother|sister))\b(?! (?:car|bin|fence|"
        r"garden|tree|parking|drive))",
        r"\b(?:welfare (?:check|concern)|concern(?:ed)? for (?:her|his|their) (?:welfare|safety))\b",
        r"\bcheck on (?:her|him|them|the (?:lady|man|woman|kids|children|family|couple|gentleman))\b",
        r"\bdomestic(?:ally)? (?:abus\w*|violen\w*|viol\w*)\b", r"\b(?:dv|da) (?:victim|survivor|refuge)\b",
        r"\b(?:he|she|partner|husband|wife|boyfriend|girlfriend|ex) (?:is|was|gets|can be) "
        r"(?:\w+ )?(?:violent|abusive)\b", r"\bassault(?:ed|ing)? (?:me|her|him|us)\b", r"\bwas assaulted\b",
        r"\battack(?:ed|s|ing)? (?:me|her|him|us)\b",
        r"\bsmash(?:ed|es|ing)? (?:up )?(?:the|my|our|her|his) (?:flat|house|home|things|phone|door)\b",
        r"\b(?:scared|frightened|afraid|terrified) (?:he|she|they)(?:'ll| will| is going to| might)\b",
        r"\b(?:older|grown|adult) (?:men|lads|boys)\b", r"\bdealing (?:drugs )?(?:from|out of|in)\b",
        r"\b(?:sell|selling|deal|dealing|dealt|sold) (?:drugs )?from (?:his|her|their|the) (?:flat|house|home)\b",
        r"\b(?:using|use|used) (?:\w+'?s? ){1,3}(?:flat|house|home) (?:to (?:sell|deal)|for (?:dealing|drugs))\b",
        r"\bdrugs? (?:being )?(?:dealt|sold) (?:from|out of|in)\b",
        r"\b(?:hits|hit|hitting|beats|beat|beating|beaten|punch(?:es|ed|ing)?|slap(?:s|ped|ping)?|"
        r"kick(?:s|ed|ing)?|chok(?:es|ed|ing)|strangl\w*|push(?:es|ed)|shov(?:es|ed)|burns?|burnt|burned|"
        r"thr(?:ew|ows) things at) (?:me|her|him|us|my mum|my dad|the kids|the children|the baby)\b",
        r"\bcigarette burns\b",
        r"\b(?:has |had )?disclosed\b", r"\bstop,? you'?re hurting me\b",
        r"\b(?<!badge )(?<!permit )(?<!system )(?<!verbally )abus(?:e|ed|es|ing|ive|er)\b"
        r"(?! (?:the|a|our|their|these|those) (?:\w+ )?(?:bays?|system|spaces?|permits?|badges?|parking|scheme))",
        r"\bcoerc\w*", r"\bcontrolling\b", r"\bnot allowed (?:out|to (?:leave|go out|answer|see|speak|talk|use))\b",
        r"\b(?:isn'?t|is not|aren'?t|am not|wasn'?t) allowed to (?:leave|go out|answer|see|speak|talk|use|have)\b",
        r"\b(?:scared|frightened|afraid|terrified) (?:of (?:him|her|them|my|his)|to go home|for my life)\b",
        r"\b(?:looks?|seems?|she'?s|he'?s|always) (?:so |really |very )?(?:frightened|terrified|scared)\b",
        r"\bbruis\w*", r"\bblack eyes?\b", r"\bmarks on (?:her|his|their|my) (?:arms?|legs?|face|body|neck)\b",
        r"\b(?:takes|taking|taken|took|steals|stealing|stole|stolen|has) (?:all )?(?:of )?(?:her|his|their|"
        r"my mum'?s|my dad'?s|my) (?:pension|benefits|money|bank card|cards|wages)\b",
        r"\b(?:have|had|has) to ask (?:him|her|my (?:husband|partner|wife|boyfriend)) (?:for|before) "
        r"(?:money|permission)\b", r"\bmakes? me (?:show|account for|hand over)\b",
        r"\b(?:he|she|my husband|my partner|my wife|my boyfriend) (?:opens|reads|checks|goes through) "
        r"(?:everything|(?:all )?(?:my|her|his) (?:post|letters|mail|phone|messages|calls|texts))\b",
        r"\bnot safe (?:at|in (?:my|the|our)) (?:home|house|flat)\b",
        r"\b(?:my|her|his) ex (?:keeps|is|has been|kept|keep) (?:\w+ )?(?:turning up|coming round|following|"
        r"messaging|texting|calling|waiting|outside)\b", r"\btrying (?:the|my|our) (?:door|handle|windows?)\b",
        r"\block(?:s|ed|ing)? (?:her|him|me|them) (?:in|up)\b(?! (?:the|a) )",
        r"\b(?:take|took|taking) (?:the|my|our) (?:kids|children|baby) (?:off|away from) me\b",
        r"\bnever see (?:them|the kids|my kids|my children|my baby) again\b",
        r"\bfinancial(?:ly)? abus\w*", r"\bsexual(?:ly)? (?:abus\w*|assault\w*|exploit\w*)\b", r"\braped?\b",
        r"\bmolest\w*", r"\binappropriate(?:ly)? touch\w*", r"\btouch\w* (?:me|her|him|them) inappropriately\b",
        r"\bgroom(?:ed|ing)\b(?! (?:the|my|our) dog)", r"\bcuckoo(?:ing|ed)?\b", r"\bcounty lines\b",
        r"\b(?:being exploited|exploited by|criminal(?:ly)? exploit\w*)",
        r"\b(?:dealers?|gang|drug users?|lads|people) (?:have |has )?(?:taken over|moved into|using|living in|"
        r"staying in) (?:his|her|their|my|the) (?:flat|house|home)\b",
        r"\btaken over (?:my|his|her|their) (?:flat|house|home)\b",
        r"\bstalk(?:ing|ed|er)\b",
        r"\bsafeguarding\b", r"\bfgm\b", r"\bforced (?:to marry|marriage)\b", r"\bhonour (?:based )?violence\b",
        r"\b(?:arrang\w*|force|forcing|make|making) (?:for )?(?:me|her|him) (?:to )?marry\b",
        r"\b(?:being|been|is|are|was|were) neglected\b", r"\bneglect(?:s|ing)? (?:her|him|them|the kids|the children)\b",
    ),
    EXPLOIT: (
        r"\b(?:modern slavery|slave labour|forced labour|labour exploitation|debt bondage|gangmasters?)\b", r"\btraffick\w*",
        r"\b(?:keeps?|kept|took|taken|takes|has got|has|holds?|holding|confiscated|got) (?:all )?(?:of )?(?:my|his|her|"
        r"their|our) (?:passports?|documents|papers|id cards?|visas?)\b(?! (?:copy|copies|photo|number))",
        r"\b(?:owes?|owe|owing|debt (?:to|for)) (?:him|her|them|the boss|his boss|her boss|the gang)\b.{0,40}"
        r"\b(?:journey|travel|flight|bringing|brought|passage|transport|lost|work it off)\b",
        r"\bwork(?:ing)? (?:it|the debt|that) off\b", r"\bdebt for (?:the|their|his|her|my) (?:flight|journey|travel)\b",
        r"\b(?:\d{1,2}|ten|twelve|fifteen|twenty|a dozen) (?:men|people|workers|lads|women|girls) (?:all )?"
        r"(?:living|sleeping|crammed|staying) in (?:a|one|the|that|this) (?:\w+ )?(?:bed(?:room)?|house|flat|room|caravan)\b",
        r"\b(?:not|never) (?:allowed|let) (?:to )?(?:quit|leave (?:the (?:job|farm|site|house|shop)|work))\b",
        r"\b(?:no|not (?:had|been paid) (?:any )?|without) wages (?:for|since|in)\b",
        r"\bsleep(?:s|ing)? (?:on site|at (?:the (?:shop|farm|site|factory|car wash)|work)|on the (?:kitchen|shop|factory) "
        r"floor|in (?:a|the) (?:storage )?container)\b",
    ),
    THREAT: (
        r"\bthreat(?:en|ened|ening|ens)? to (?:kill|hurt|stab|burn|beat|shoot|batter)\b",
        r"\b(?:i'?ll|i will|i'?m going to|im going to|gonna|going to) (?:kill|stab|shoot|batter|glass|knife|torch)"
        r"(?! for) (?:him|her|them|you|that|the|his|her|someone|somebody)\b",
        r"\bput (?:a|my|this) \w+ through (?:his|her|their|your) (?:head|face|skull)\b",
        r"\bwon'?t be walking away\b", r"\bconsider (?:yourselves|yourself) warned\b",
        r"\bwon'?t be (?:held )?responsible for (?:what happens|my actions|what i do)\b",
        r"\btake (?:matters|things|the law) into (?:my|our) own hands\b", r"\bdo something i'?(?:ll|d)? regret\b",
        r"\b(?:got|have|keep|kept) (?:a |my |his |the )?(?:\w+ )?(?:bat|knife|knives|machete|hammer|gun|shotgun|crossbow|blade)s? "
        r"(?:by|behind|under|in|ready|in the)\b(?! (?:the (?:kitchen|drawer|shop)))",
        r"\b(?:knife|machete|blade|gun|shotgun) in (?:his|her|my|their) (?:waistband|pocket|belt|jacket|coat)\b",
        r"\bcarr(?:y|ies|ying) (?:a )?(?:knife|knives|blade|machete|weapon)\b",
        r"\b(?:make sure|he'?ll make sure|she'?ll make sure) (?:i|she|he|you|they) regret\b",
        r"\b(?:burn|set fire to) (?:my|our|his|her|their|the) (?:door|house|flat|car|home) (?:down|out)?\b",
        r"\b(?:stab|stabbing|kill|shoot|hurt|batter) (?:the \w+ and then )?(?:him|her|them|my (?:son|daughter|kids))\b",
        r"\bsort (?:him|her|them|the \w+(?: at \w+ \d+| \w+)?) out (?:properly|for good|once and for all)\b",
    ),
    CHILD: (
        r"\bchild (?:protection|abuse|neglect|at risk|in danger|sexual)\b", r"\bkids? (?:left )?(?:home )?alone\b",
        r"\bhome alone\b", r"\bchildren'?s? (?:are )?(?:left )?(?:home )?alone\b",
        r"\bcse\b", r"\bchild exploitation\b", r"\bunaccompanied (?:child|minor)\w*", r"\bmissing child\b",
        r"\b(?:man|men|adult|someone|somebody|stranger) (?:she|he) (?:met|has been talking to|talks to) online\b",
        r"\b(?:sent|sending|send|asked for|asking for|asks for) (?:her|him|them) (?:\w+ )?(?:pictures|photos|pics|"
        r"images|nudes)\b",
        r"\b(?:new|expensive) (?:trainers|phones?|clothes)\b.{0,40}\b(?:cash|money|won'?t say)\b",
        r"\bgo(?:es|ne)? missing (?:for (?:days|hours|nights)|overnight|again)\b",
        r"\bmissing (?:for )?(?:two|three|four|several|\d+) nights\b",
        r"\b(?:carry|carrying|carries|deliver|delivering|run|running) (?:bags|packages|parcels|drugs) (?:to|for|around)\b",
        r"\btells? (?:him|her|them) not to come (?:back|home)\b",
        r"\bin (?:just )?(?:a|his|her|their) nappy\b",
        r"\b(?:nobody|no one|no-one|anyone|anybody)(?: is| really)? looking after (?:him|her|them|the (?:kids|"
        r"children|baby|little ones))\b",
    ),
    HEALTH: (
        r"\bfound (?:him |her |them )?(?:on|lying on) the floor\b",
        r"\b(?:been|lay|lying|laid|left) (?:on the floor|there) (?:all night|overnight|for hours|until|till)\b",
        r"\b(?:call(?:ed)?|ring|rang|phoned?|need(?:ed|s)?|wait(?:ed|ing)? for|taken (?:away )?(?:in|by)|"
        r"took (?:him|her|me)|in) (?:for )?an? ambulance\b", r"\bchest pains?\b",
        r"\b" + CANT + r" breathe?\b", r"\bstruggl\w* to breathe?\b", r"\bcollaps(?:ed|es|ing) (?:on|at|in)\b",
        r"\bunconscious\b", r"\bhad a (?:stroke|heart attack|fit|seizure)\b", r"\bhypos?\b",
        r"\b(?:run|ran|running) out of (?:my |his |her |their )?(?:meds|medication|medicine|insulin|oxygen|"
        r"inhaler)\b", r"\bno (?:meds|medication|medicine|insulin|oxygen)\b", r"\bsectioned\b",
        r"\bpsychos[ie]s\b", r"\bpsychotic\b", r"\bhearing voices\b", r"\bmental health crisis\b",
        r"\bcrisis team\b", r"\bgas leak\b", r"\bsmell(?:s|ing)? (?:of )?gas\b", r"\bcarbon monoxide\b",
        r"\bco alarm\b", r"\belectric shocks?\b", r"\b(?:house|flat|kitchen|home) (?:is |was |caught )?on fire\b",
        r"\bon the floor and " + CANT + r" get up\b", r"\blying on the floor\b",
        r"\bneeds? (?:urgent|emergency) (?:medical|hospital)\b",
        r"\b(?:stopped|not) taking (?:his|her|my|their) (?:meds|medication|tablets)\b", r"\boff (?:his|her) meds\b",
        r"\b(?:oxygen|insulin|dialysis)\b.{0,80}\b(?:cut off|no (?:power|electric\w*)|power cut|run out|ran out)\b",
        r"\b(?:cut off|no (?:power|electric\w*)|power cut|run out|ran out)\b.{0,80}\b(?:oxygen|dialysis)\b",
    ),
    HOUSING: (
        r"\b(?:we'?re|i'?m|we are|i am|we'?ll be|i'?ll be) out (?:at|by) the end of\b",
        r"\bbehind (?:on|with) (?:the |my |our )?rent\b",
        r"\b(?:told|asked) (?:me|him|her|us) to (?:leave|get out|move out)\b",
        r"\b(?:living|staying|sleeping|sleep|sleeps|slept|stopping|kipping|dossing|lives?|lived) (?:\w+ )?"
        r"(?:in|on|at|out of) (?:a |the |his |her |my |our |their )?(?:(?!flat|house|home|building|block|road|street|"
        r"estate|area)[\w']+ ){0,2}(?:car ?park|night ?bus(?:es)?|bus station|stairwell|porch|tent|van|car|doorway|"
        r"multi[- ]?storey|woods|a ?& ?e|24[- ]hour \w+)\b(?! (?:park )?(?:is|was|charges|fees|barrier|spaces?))",
        r"\b(?:kipping|dossing) (?:in|on|at|down|rough)\b",
        r"\b(?:living|staying|sleeping|sleep|sleeps|lives) (?:in|out of) (?:a|the|his|her|my|our|their) "
        r"(?:car|van|tent|shed|garage|bus shelter|doorway|stairwell|(?:underground |multi[- ]?storey )?car park)\b",
        r"\b(?:put|thrown|kicked|turfed|chucked|end(?:ed)? up|be) out on the streets?\b",
        r"\bchang(?:e|ed|ing) the locks\b", r"\blocked (?:me|us) out\b", r"\billegal(?:ly)? evict\w*",
        r"\bsleep(?:ing|s)? (?:in|on|under|at) (?:a|the|an) (?:\w+ )?(?:shelter|bench|doorway|stairwell|tent|car|"
        r"van|station|bridge|garage|shed|hallway|subway|underpass)\b",
        r"\bsleep(?:ing|s)? on (?:a |my |his |her |their |the )?(?:friend'?s|mate'?s|someone'?s|sister'?s|"
        r"brother'?s|nan'?s)? ?(?:floor|sofa|settee|couch)\b",
        r"\b" + PERSON + r" (?:\w+ )?(?:made |become |becoming |been |being |now |still |currently |facing )?"
        r"homeless\b", r"\bhomeless (?:man|woman|person|lad|girl|boy|guy|family|couple|again|since|for|now|tonight)\b",
        r"\bhomless\w*", r"\bsleep(?:ing|s)? (?:rough|on the streets?|outside)\b",
        r"\b(?:sofa|couch|settee) ?(?:surf|hopp)\w*",
        r"\b" + PERSON + r" (?:\w+ ){0,3}evict\w*", r"\bevict(?:ing|ed)? (?:me|us|him|her|them|my|our)\b",
        r"\beviction (?:notice|order|date|letter|hearing)\b", r"\bfacing eviction\b",
        r"\bbailiffs? (?:are |were |is )?(?:coming|at the door|due|booked|turned up|round)\b",
        r"\bsection 21\b", r"\bnotice to quit\b",
        r"\b(?:kicked|thrown|chucked|turfed) (?:me|us|her|him|them) out\b",
        r"\b(?:kicked|thrown|chucked|turfed) out of (?:my|our|the|his|her|their) (?:home|house|flat|room|place)\b",
        r"\b(?:been|being|got|get|getting) (?:kicked|thrown|chucked|turfed) out\b",
        r"\b(?:and|so|with|left with) (?:have |got |still have )?nowhere (?:else )?(?:to (?:go|live|stay|sleep)|after)\b",
        r"\b" + PERSON + r"(?:'?ve| have| has)?(?: got)? nowhere (?:else )?(?:to (?:go|live|stay|sleep)|after)\b",
        r"\bnowhere (?:else )?for (?:me|us|them|him|her) to (?:go|live|stay|sleep)\b",
        r"\b(?:given|gave|giving) (?:us|me|him|her|them) (?:\w+ )?(?:weeks?|days?|a month) to (?:get out|leave|"
        r"move|find)\b", r"\b(?:got|have|need) to (?:leave|be out|get out|move out) (?:on|by) (?:the|friday|"
        r"monday|saturday|sunday|tuesday|wednesday|thursday|the weekend)\b", r"\bnothing (?:else )?lined up\b",
        r"\b(?:living|live|lived|be|end up|ending up|sleeping) on the streets?\b",
        r"\b(?:emergency|temporary) (?:accommodation|housing|shelter)\b", r"\bhostel\b", r"\brefuge\b",
        r"\b(?:in|at) (?:a |the )?(?:travelodge|premier inn|b ?& ?b|bed and breakfast)\b",
        r"\bwalking (?:round|around|the streets) all night\b",
        r"\bunsafe to (?:live|stay|sleep)\b", r"\bnot safe to (?:live|stay|sleep|go home)\b",
        r"\bceiling (?:has )?(?:collapsed|fell in|come down|caved in)\b",
        r"\b(?:lost|losing|lose) (?:my|our|the) (?:home|flat|house|tenancy)\b", r"\brepossess\w*",
    ),
    ADULT: (
        r"\bpolice (?:found|brought) (?:her|him) (?:home|back|on|in|wandering)\b", r"\b" + CANT + r" barely walk\b",
        r"\bcan barely walk\b", r"\blets? strangers in\b",
        r"\bmilk (?:bottles? )?(?:still |are still |is still )?on the (?:door ?)?step\b",
        r"\bmilk (?:is |are )?still (?:being delivered|piling up|outside)\b",
        r"\bliving on (?:nothing|biscuits|crackers|cream crackers|toast|tea|bread|cereal)\b",
        r"\b(?:hasn'?t|has not|haven'?t|have not|not) been seen (?:for|since|in)\b", r"\bpost (?:is )?piling up\b",
        r"\b(?:haven'?t|have not|hasn'?t|not) (?:seen|heard) (?:him|her|them|anyone|the (?:old |elderly )?(?:man|"
        r"lady|woman|gentleman|couple|neighbour)|my neighbour)\b.{0,30}\b(?:(?:for|in) (?:days|a week|weeks|"
        r"a fortnight|about|over|ages|\d+)|since)\b",
        r"\bcurtains (?:are |have been )?(?:always |still )?(?:shut|closed|drawn)\b",
        r"\bcurtains (?:haven'?t|have not|not) (?:been )?(?:opened|open|moved)\b",
        r"\bsmell (?:coming )?(?:from|through) (?:the|his|her) (?:letterbox|door)\b",
        r"\bstuck (?:indoors|inside|in (?:the|her|his|my) (?:flat|house|home)) (?:for|since)\b",
        r"\bcarers?(?: from [\w ]{1,30}?)? (?:didn'?t|did not|haven'?t|have not|hasn'?t|has not|never|don'?t|"
        r"do not|no longer) (?:turn|come|show|arrive|visit|been|turned|shown|came)\w*",
        r"\b(?:no|without) (?:a )?care (?:package|plan|in place|visits?|support)\b", r"\bno carers?\b",
        r"\bleft without (?:any )?(?:carers?|care|support|help|food)\b", r"\bmissed (?:care )?visits\b",
        r"\bmissed care calls\b", r"\bvulnerable (?:adult|person|man|woman|lady|gentleman|tenant|resident)\b",
        r"\b(?:wet|soiled|dirty) (?:pads?|bed|sheets|nappy|nappies|incontinence)\b", r"\b(?:pressure |bed ?)sores\b",
        r"\bself[ -]?neglect\w*", r"\bhoarder\b", r"\bcompulsive hoard\w*", r"\beat(?:s|ing)? (?:out of|from) "
        r"(?:the )?bins?\b", r"\bwander(?:s|ing|ed)? (?:off|the streets|at night|on|along|around)\b",
        r"\bfound wandering\b", r"\bmissing person\b", r"\b" + RELATIVE + r" (?:has |have |had )?gone missing\b",
        r"\bdischarged (?:from hospital )?(?:with|without) no\b",
        r"\b(?:sent|came|come) home from hospital (?:with nothing|with no|without)\b",
        r"\b" + CANT + r" (?:make it|get) to the (?:toilet|loo|bathroom)\b",
        r"\b(?:hasn'?t|has not|haven'?t|not) been eating\b",
        r"\bstopped (?:his|her|their) (?:meals|meals on wheels|care|visits|carers?)\b",
        r"\bmeals on wheels (?:have |has )?(?:stopped|been stopped|cancelled|been cancelled)\b",
        r"\b(?:hasn'?t|has not|not|hasnt) answered (?:her|his|the|their) door (?:since|for|in)\b",
        r"\bnobody (?:is )?(?:checking on|looking after|caring for|visits)\b",
    ),
    CRISIS: (
        r"\bi'?ve had enough\b", r"\bwant (?:all )?(?:of )?(?:this|it) to (?:stop|end)\b",
        r"\btired of (?:fighting|living)\b", r"\bbreaking point\b",
        r"\b" + CANT + r" cope\b(?! with (?:how|the (?:website|noise|parking|traffic|queue|bins?|smell)|your|this "
        r"(?:website|form|app)))", r"\bnot coping\b", r"\bstruggling to cope\b",
        r"\bend of (?:my|our|her|his) (?:tether|rope)\b", r"\bat my wits'? end\b",
        r"\b(?:i'?m|i am|we'?re|we are|she'?s|he'?s|my life is|everything is|i feel like i'?m) falling apart\b",
        r"\b(?:i'?m|i am|we'?re|we are|she'?s|he'?s|feel(?:ing)?) (?:so |really |absolutely |getting )?"
        r"desperate\b(?! (?:for|to) (?!help))", r"\bdesperate(?:ly)? (?:for|need(?:s|ing)?) help\b",
        r"\b(?:i'?m|i am|we'?re|we are|she'?s|she is|he'?s|he is|they'?re|family (?:is|are)) (?:\w+ )?in (?:a )?crisis\b",
        r"\bmental breakdown\b", r"\bnervous breakdown\b", r"\bpanic attacks?\b",
        r"\bdepress(?:ed|ion)\b", r"\bno one to turn to\b", r"\bnobody to turn to\b",
        r"\b" + CANT + r" take (?:it |this )?any ?more\b", r"\b" + CANT + r" do (?:this|it) any ?more\b",
        r"\b(?:i|we|she|he) (?:just |really |honestly |simply )?" + CANT + r" take (?:it|this)\b",
        r"\b(?:got|have) nothing left (?:in me|to give)\b", r"\b(?:barely|not) holding (?:it|myself|things) together\b",
        r"\bin a (?:really |very )?(?:bad|dark) place\b", r"\b" + CANT + r" think straight\b",
        r"\bstopped answering (?:the door|my phone|the phone)\b",
        r"\bhaven'?t spoken to (?:anyone|anybody|a soul) (?:in|for) (?:\w+ )?(?:days|weeks|months)\b",
        r"\bhaven'?t left the (?:flat|house|home) (?:in|for) (?:\w+ )?(?:weeks|months)\b",
        r"\b(?:i'?ve got|i have|i'?ve) (?:got )?(?:nobody|no one|no-one)(?: (?:left|else|to help))?\s*(?:[.!,]|$)",
    ),
    HARDSHIP: (
        r"\b(?:days|goes|going|go|went) without (?:food|eating|a meal)\b",
        r"\b" + CANT + r" (?:feed|clothe|heat)\b", r"\bno (?:shopping|money)\b",
        r"\buniversal credit (?:hasn'?t|has not|not|still not|never) (?:come|been paid|arrived|paid|gone in)\b",
        r"\b(?:sanctioned|sanction)\b", r"\bgas (?:has been |was |is )?(?:capped|disconnected)\b",
        r"\b(?:use|using|used|rely on|relying on|go to|going to|referred to|referral to|vouchers? for|parcels? "
        r"from|from|off|living off) (?:\w+ ){0,2}food ?banks?\b", r"\bfood parcels?\b",
        r"\b(?:haven'?t|hasn'?t|not|no one has|nobody has) eaten\b", r"\bskip(?:ping)? meals\b",
        r"\bnothing to eat\b", r"\bno food\b", r"\bstarving\b", r"\bnothing (?:left )?in the (?:cupboards?|fridge)\b",
        r"\bgo(?:ing)? without (?:food|meals|eating|heating)\b", r"\b" + CANT + r" (?:afford to )?top ?up\b",
        r"\b" + CANT + r" (?:afford|pay for) (?:to )?(?:eat|food|feed|heat|heating|the heating|electric\w*|gas|"
        r"put the heating on|rent|the rent|nappies|formula|milk|to live|my bills|the bills|essentials)\b",
        r"\bno money (?:left|for (?:food|gas|electric|heating|nappies))\b", r"\bdestitut\w*",
        r"\b(?:gas|electric|electricity|meter) (?:has )?(?:run out|been cut off|cut off)\b",
        r"\bno (?:gas|electric|electricity|heating|power)(?: or (?:gas|electric|electricity|heating|power))? "
        r"(?:for|since)\b", r"\bno nappies\b", r"\bno formula\b",
    ),
}

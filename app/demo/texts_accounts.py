"""Demo texts for the applications-and-accounts services: blue badges, bus passes,
council tax and libraries. Same shape as `texts_streets`.
"""

BLUE_BADGE = {
    "complaint": (
        "I applied to renew my blue badge {weeks} weeks ago. The website says 12 weeks. My old "
        "badge has expired and I can't park at the hospital.",
        "My blue badge renewal was refused even though my condition has got worse. Nobody "
        "assessed me in person.",
        "I sent all the documents for my {relative}'s blue badge and you've lost them. Now I "
        "have to start again.",
        "Someone parks in the disabled bay on {road} every day without a badge and enforcement "
        "never comes.",
        "I rang about my badge and was told {weeks} weeks, then {weeks2} weeks, now nobody "
        "knows.",
        "Blue badge renewal taking 12 weeks is ridiculous when nothing about my disability has "
        "changed. It's a lifelong condition.",
    ),
    "compliment": (
        "My {relative_f}'s blue badge arrived in under three weeks. Thank you, it has made a "
        "huge difference.",
        "{staff} helped me with the online form over the phone, very patient.",
    ),
    "comment": (
        "Online application was fine but uploading a photo was impossible on my phone.",
        "Good that you can renew online but 12 weeks is far too long.",
    ),
    "request": (
        "Please can you tell me where my blue badge renewal is up to, I applied in {month}.",
        "My blue badge was stolen from the car on {road}. How do I get a replacement?",
    ),
    "detail": (
        "I have a hospital appointment every week.",
        "I can only walk about 20 metres.",
        "My GP letter was included the first time.",
    ),
    "short": ("blue badge still not arrived", "12 weeks and still waiting for my badge"),
}

CONCESSIONARY_FARES = {
    "complaint": (
        "My bus pass hasn't arrived. I applied {weeks} weeks ago. The driver won't let me on "
        "without it.",
        "The bus pass renewal letter went to my old address even though I told you I'd moved.",
        "My disabled person's bus pass application was rejected with no explanation.",
        "The driver on the {route} refused my companion pass even though it's printed on the "
        "card.",
        "I can't use my pass before 9:30 and the only bus to my hospital appointment in {place} "
        "goes at 9:05.",
    ),
    "compliment": (
        "New bus pass came quickly, thank you. Makes a big difference getting into {place}.",
        "The lady at the {library} help point sorted out my bus pass photo, very helpful.",
    ),
    "comment": (
        "Bus pass is great but there are hardly any buses left on the {route}.",
        "Renewing online was easy but why do I need a new photo every time?",
    ),
    "request": (
        "I've lost my bus pass, how do I get a replacement?",
        "Please can I apply for a companion pass for my {relative}.",
    ),
    "detail": (
        "I don't drive so I rely on the bus for everything.",
        "I have been stuck at home for a fortnight.",
    ),
    "short": ("bus pass not arrived", "still waiting for bus pass"),
}

COUNCIL_TAX = {
    "complaint": (
        "You have taken the direct debit twice this month. That left me overdrawn and my bank "
        "charged me. I want the money back and the bank charges covered.",
        "I moved out of {house} {road} in {month} and told you, but I'm still getting bills and "
        "now a reminder threatening court.",
        "I applied for the single person discount {weeks} weeks ago and heard nothing. Meanwhile "
        "my bill has gone up.",
        "I was on hold for {minutes} minutes to council tax and then got cut off. Tried again the "
        "next day, same thing.",
        "My {relative_m} is in a care home and I applied for the exemption on his empty house. "
        "You've sent a summons instead.",
        "The direct debit date is wrong, it's coming out on the 1st when I asked for the 15th, "
        "after I get paid.",
        "Your online account says my balance is zero but I've had a letter saying I owe "
        "{amount}. Which is it?",
    ),
    "compliment": (
        "{staff} on the council tax line sorted out my direct debit in five minutes and rang me "
        "back exactly when promised. Thank you!",
        "Moving home was easy to sort out online and I got my final bill straight away.",
        "Thank you for setting up a payment plan when I was struggling. The person I spoke to "
        "was kind and didn't make me feel judged.",
    ),
    "comment": (
        "The online account is useful but it logs you out every two minutes.",
        "Bills are clear enough but it would help to see what each part actually pays for.",
        "Staff are helpful on the phone but you can never get through before 11am.",
    ),
    "request": (
        "Please can I change my direct debit date to the 20th of the month. Account for {house} "
        "{road}, {place}.",
        "I want to apply for a single person discount, my partner moved out in {month}.",
        "Please send me a copy of my bill for this year, I need it for a benefits claim.",
    ),
    "detail": (
        "I have bank statements to prove it.",
        "I have never missed a payment in {years} years.",
        "I am a pensioner and this has caused me a lot of worry.",
        "Nobody has replied to my two emails.",
    ),
    "short": ("direct debit taken twice", "still no reply about my discount", "wrong bill again"),
}

LIBRARIES = {
    "complaint": (
        "{library} was closed again on {weekday}, the third time this month, with just a "
        "handwritten sign on the door. I came on the bus specially.",
        "The wifi at {library} never works. I rely on it for job searching and my universal "
        "credit journal.",
        "The new opening hours mean {library} isn't open on Saturday afternoons any more, which "
        "is the only time working families can come.",
        "I was charged a {fee} fine for a book I returned weeks ago. It's probably on your shelf.",
        "The mobile library hasn't stopped in {place} since {month}. No notice and no "
        "explanation.",
        "The public computers at {library} are so slow it takes 15 minutes just to log in and "
        "the session is only an hour.",
    ),
    "compliment": (
        "Lovely staff at {library}. {staff} helped me set up my email so I can video call my "
        "grandchildren.",
        "The rhyme time sessions at {library} are brilliant, my little one loves them.",
        "The home library service is a lifeline for my {relative}. The volunteer is always so "
        "cheerful.",
        "Great selection of audiobooks on the app, thank you.",
    ),
    "comment": (
        "Lovely staff at {library} but the wifi never works.",
        "Love the library but it's freezing in winter, the heating in the children's corner "
        "doesn't seem to work.",
        "Good range of books but the opening hours are hard for anyone who works 9 to 5.",
        "The self service machines are handy but keep telling me my card is blocked when it "
        "isn't.",
        "It would be great to have more large print books at {library}.",
    ),
    "request": (
        "Please can I have a new library card, I've lost mine.",
        "Can {library} order in copies of a book for my book club? We need 8.",
        "Please can the home library service visit my {relative}, who is housebound in {place}.",
    ),
    "detail": (
        "There was nobody at the desk for twenty minutes.",
        "My children love coming here so it's a shame.",
        "The toilets have been out of order since {month} too.",
    ),
    "short": ("library closed again", "wifi never works at the library", "need Saturday opening"),
}

TEXTS = {
    "blue-badge": BLUE_BADGE,
    "concessionary-fares": CONCESSIONARY_FARES,
    "council-tax": COUNCIL_TAX,
    "libraries": LIBRARIES,
}

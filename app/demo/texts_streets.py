"""Demo texts for the street services: highways, street lighting, parking, waste.

Each service maps a kind of text to templates; `{slots}` are filled by
`app.demo.writing` (roads, places, numbers of weeks, staff first names...).
"detail" sentences lengthen complaints and requests; "short" are terse ones.
"""

HIGHWAYS = {
    "complaint": (
        "There is a pothole outside number {house} {road}, {place} that has been there since "
        "{month}. I've reported it {n} times online and every time it says inspected, no further "
        "action. Last week it burst my tyre and the garage charged me {amount}.",
        "The pavement on {road} is so uneven my {relative_f} tripped and cut her hands and knees. "
        "It has been like this for years.",
        "Roadworks on {road} have been up for {weeks} weeks and nobody is ever working on them. "
        "The temporary lights cause queues right back to {place} every morning.",
        "The potholes on the road into {place} are a disgrace. You patched them in {month} and "
        "they have all opened up again. Do the job properly once instead of coming back every "
        "few months.",
        "Gritter never came down {road} during the cold snap. It's a steep hill and two cars "
        "ended up in the hedge. We get missed every single year.",
        "Your contractors dug up the verge outside my house on {road} and left it as a mud bath "
        "with cones in it. That was {weeks} weeks ago.",
        "Reported a sunken drain cover on {road}, {place} on the online map. It was marked as "
        "fixed but nobody has been. It's still there, I walked past it this morning.",
        "The hedge on the corner of {road} and {road2} is so overgrown you can't see when you "
        "pull out. Somebody is going to get killed there.",
        "Why was {road} resurfaced when it was fine, while {road2} round the corner is falling "
        "apart? Makes no sense at all.",
    ),
    "compliment": (
        "The pothole on {road} I reported on {weekday} was filled by the following week. Really "
        "impressed, thank you.",
        "Just wanted to say the resurfacing on {road} in {place} looks brilliant and the crew were "
        "polite and tidied up after themselves.",
        "Thank you to the gritting crews who were out all night. Roads around {place} were clear "
        "when I set off for my early shift.",
        "{staff} from highways came out to look at the drain outside our house and explained "
        "everything clearly. Good to speak to someone who knows their stuff.",
        "The new crossing by {school} has made such a difference to the school run.",
    ),
    "comment": (
        "Good that {road} has finally been resurfaced but the white lines still haven't been "
        "painted back and people are driving all over the place.",
        "The online pothole map is easy to use but you never get told what actually happens "
        "after you report something.",
        "The new pavement on {road} is great, shame the dropped kerb was put in the wrong place "
        "for my mobility scooter.",
        "Could the council think about a crossing near {school}? Traffic is really fast there "
        "at drop off time.",
        "Roadworks signs went up on {road} a fortnight before any work started, which confused "
        "everyone.",
    ),
    "request": (
        "Please can someone look at the blocked gully outside {house} {road}, {place}. Water "
        "sits across the whole road when it rains.",
        "I'd like a dropped kerb outside my property at {house} {road}. How do I apply and how "
        "much does it cost?",
        "There is a large pothole on {road} near the junction with {road2}, about a foot across. "
        "Please can it be filled before someone comes off their bike.",
        "tree branch has come down across the footpath on {road} near {place} church, needs "
        "clearing please",
    ),
    "detail": (
        "I have photos if you need them.",
        "It's right by the bus stop so people are stepping into the road to avoid it.",
        "My neighbour reported the same thing back in {month}.",
        "I put in a claim form for the damage to my car and have heard nothing.",
        "There are children walking past here to {school} every morning.",
        "It gets worse every time it rains.",
    ),
    "short": (
        "pothole on {road} still not fixed", "Pavement dangerous again.",
        "roadworks going on forever", "nobody came to fix the road",
    ),
}

STREET_LIGHTING = {
    "complaint": (
        "The street light outside {house} {road} has been out for {weeks} weeks. I reported it "
        "online and got a reference but nothing has happened. It is pitch black and I don't feel "
        "safe walking home from the bus.",
        "Half the lights on {road} in {place} go off at midnight now. Nobody asked residents. My "
        "{relative_f} works nights and has to walk back in the dark.",
        "The light on the footpath between {road} and {road2} has been flickering on and off for "
        "months, it's like a disco. Reported {n} times.",
        "The street light outside my bedroom window stays on all day and goes off at night. It "
        "would be funny if it wasn't such a waste of money.",
        "A lamp post was knocked down on {road} by a car {weeks} weeks ago and the wires were "
        "just taped up and left with a cone. Not safe at all.",
        "Street light out for weeks on {road}. The whole cul-de-sac is dark and my elderly "
        "neighbour won't go out after 4pm now.",
    ),
    "compliment": (
        "The new LED lights on {road} are so much better. Feels safer walking the dog in the "
        "evening.",
        "Reported a light out on {weekday} and it was fixed {days} days later, quicker than I "
        "expected. Thank you.",
        "Thanks to the engineer who came out late on a Friday to make the fallen lamp post on "
        "{road} safe.",
    ),
    "comment": (
        "The new white LED lights are good for safety but the one outside my house shines "
        "straight into our bedroom. Could it have a shield fitted?",
        "Part night lighting saves money I get that, but the alleyway by {place} station really "
        "needs to stay lit.",
        "It would help if the fault form told you whether someone else had already reported the "
        "same light.",
    ),
    "request": (
        "The street light outside number {house} {road}, {place} is out. Please can it be fixed.",
        "Illuminated bollard in the middle of {road} is out and has been hit, hard to see at "
        "night.",
        "Please could you check the light on {road} near the junction with {road2}. It comes on "
        "and then goes off again after a few minutes.",
    ),
    "detail": (
        "There have been two break ins on the road since it went out.",
        "Older residents won't go out after dark now.",
        "The online form said it would be fixed within 10 working days.",
        "It's right next to the bus stop.",
    ),
    "short": ("light still out on {road}", "street light out for weeks", "Still dark on {road}."),
}

PARKING = {
    "complaint": (
        "I got a PCN on {road} while I was loading shopping into the car for less than five "
        "minutes. I appealed with photos and got a standard rejection letter that didn't even "
        "mention my photos.",
        "I paid for my resident parking permit online {weeks} weeks ago and it still says "
        "pending. In the meantime I have had two tickets outside my own house.",
        "The pay machine at {car_park} was broken so I paid on the app, and still got a ticket "
        "because the app put me in the wrong zone. I want this cancelled.",
        "Enforcement officers are on {road} every single day ticketing residents but never come "
        "near {road2} where people park right across the pavement.",
        "Your PCN appeal portal crashed three times when I tried to upload evidence and now I'm "
        "told I'm past the 14 day discount period. That is not my fault.",
        "I am a blue badge holder and got a ticket at {car_park} with my badge clearly "
        "displayed. This is the second time.",
        "The charges at {car_park} have gone up again and the place is filthy. The lift has "
        "been out of order since {month}.",
    ),
    "compliment": (
        "My appeal about the parking ticket was handled fairly and quickly. The letter explained "
        "exactly why it was cancelled. Thank you.",
        "The new parking app is much easier than the old machines.",
        "The warden on {road} this morning was really helpful when I couldn't work out the new "
        "signs.",
    ),
    "comment": (
        "The signs in {car_park} are confusing, the tariff board says one thing and the machine "
        "says another.",
        "The permit scheme has made it easier to park near home, but visitor permits are far too "
        "expensive for people with carers coming in.",
        "Why is there no cash option any more at {car_park}? Not everyone has a smartphone.",
        "Residents were not consulted properly about the new zone on {road}.",
    ),
    "request": (
        "Please can enforcement visit {road}, {place}. Cars park on the double yellows by the "
        "school gates every morning and it's dangerous.",
        "I need a visitor permit for my carer, how do I apply?",
        "Please could someone check the ticket machine at {car_park}, it is taking coins but "
        "not printing tickets.",
    ),
    "detail": (
        "I have kept the receipt and photos of the signs.",
        "The lines are so faded you can hardly see them.",
        "I work as a carer and need to park near my clients.",
        "I would like the £70 refunded.",
    ),
    "short": ("unfair parking ticket", "permit still not arrived", "PCN appeal ignored"),
}

WASTE = {
    "complaint": (
        "Our bin on {road}, {place} has been missed again. That is {n} times since {month}. "
        "Every time I report it I'm told the crew will come back within 48 hours and they never "
        "do.",
        "The bin crew leave more rubbish on the road than they collect. Bins left in the middle "
        "of the pavement so wheelchairs can't get past.",
        "I paid for the garden waste subscription in {month} and still haven't had a sticker or "
        "a single collection.",
        "Booked a slot at {hwrc} and was turned away when I got there because I had a van, even "
        "though it's my own small van and I said so on the booking.",
        "Recycling box was left because it was 'contaminated' according to the sticker. It had "
        "clean cardboard in it. Nobody could tell me what was wrong.",
        "Someone has dumped a mattress and bags of rubbish on {road} by the garages. Reported it "
        "{days} days ago, still there and now there are rats.",
        "Assisted collection for my {relative_f} was agreed but the crew keep forgetting. She "
        "cannot drag the bin down the drive at 87.",
        "Missed bin collection again on {road}. Third time this year.",
    ),
    "compliment": (
        "The bin crew on {road} are always cheerful and always put the bins back neatly. Please "
        "pass on our thanks.",
        "The staff at {hwrc} helped me unload my car when I was struggling with my back. Really "
        "kind.",
        "Booked a bulky waste collection and they came on the day they said and took "
        "everything. Great service.",
    ),
    "comment": (
        "The booking system for the tip works fine but there are never any slots at weekends.",
        "Crews are lovely but the collection day keeps changing and the calendar on the website "
        "is out of date.",
        "Food waste caddies are a good idea but the lids break after a few months.",
        "Would be good to have a glass collection, {hwrc} is a long drive for some of us.",
    ),
    "request": (
        "Please can we have a replacement grey bin, ours was cracked by the lorry last week. "
        "{house} {road}, {place}.",
        "Can I request an assisted collection for my {relative}? They can't manage the bins any "
        "more.",
        "Missed recycling collection at {house} {road} on {weekday}, please return.",
        "I need a bulky waste collection for a sofa and a fridge freezer.",
    ),
    "detail": (
        "The whole street was done except us.",
        "I put it out the night before as always.",
        "The bin is now overflowing and the foxes have been at it.",
        "It's not fair when we pay so much in council tax.",
    ),
    "short": ("bins missed again", "still no garden waste collection", "rubbish dumped on {road}"),
}

TEXTS = {
    "highways": HIGHWAYS,
    "street-lighting": STREET_LIGHTING,
    "parking": PARKING,
    "waste-recycling": WASTE,
}

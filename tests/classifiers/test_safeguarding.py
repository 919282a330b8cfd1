"""The safeguarding flag: recall on texts written the way residents write, precision
on ordinary complaints, and the demo's five safeguarding stories."""
import numpy as np
import pytest

from classifiers.safeguarding import REASONS, SafeguardingResult, assess, assess_batch, build_prototypes

# (text, a reason we expect among the reasons)
RISKY = [
    ("My mum died last week and I need to stop the council tax in her name", "Bereavement"),
    ("my dad passed away in march and im still getting letters addressed to him", "Bereavement"),
    ("Since my husband died I cant manage the garden and the hedge is over the path", "Bereavement"),
    ("We lost our baby in January and the nursery letters keep coming, please stop them", "Bereavement"),
    ("I am the executor of my late fathers estate and need the bill closed", "Bereavement"),
    ("bin men missed us again. my nan passed on friday and we have had family round all week", "Bereavement"),
    ("I'm recently widowed and struggling with the paperwork for the single person discount", "Bereavement"),
    ("I'm not suicidal but I honestly can't go on like this with the noise", "Mentions self-harm or suicide"),
    ("if this isnt sorted i will end it all, i mean it", "Mentions self-harm or suicide"),
    ("My son took an overdose on Saturday and the housing officer still wants us to move", "Mentions self-harm or suicide"),
    ("i feel sucidal most days living in this flat", "Mentions self-harm or suicide"),
    ("She has been self harming since the bullying started at school", "Mentions self-harm or suicide"),
    ("Honestly everyone would be better off without me", "Mentions self-harm or suicide"),
    ("I dont want to wake up tomorrow. nobody listens", "Mentions self-harm or suicide"),
    ("He told me he wants to kill himself and the crisis line didnt answer", "Mentions self-harm or suicide"),
    ("there's no point in living anymore, every day is the same fight with you lot", "Mentions self-harm or suicide"),
    ("My daughter was sectioned last month and now they want to close her tenancy", "Urgent health need"),
    ("we have no heating and a newborn, it is freezing in here at night", "Possible risk to a child"),
    ("Black mould all over the bedroom walls and my 2 year old has asthma", "Possible risk to a child"),
    ("the kids next door are left alone all weekend, the youngest is about 4", "Possible risk to a child"),
    ("Kids left alone again at no 23, no adults there since yesterday", "Possible risk to a child"),
    ("the little boy upstairs is always crying and hungry, he comes to ours asking for food",
     "Possible risk to a child"),
    ("My children havent been to school for 3 weeks because we have no transport since the bus was cut",
     "Possible risk to a child"),
    ("There are drug dealers using the flat and there is a baby living there", "Possible risk to a child"),
    ("I think the girl at number 5 is being groomed by older men who pick her up in cars",
     "Possible abuse or neglect"),
    ("he hits me when he's been drinking and i need to get out of the house", "Possible abuse or neglect"),
    ("My partner is controlling, he takes my bank card and won't let me see my family",
     "Possible abuse or neglect"),
    ("Fleeing domestic abuse and the housing team keep putting me on hold", "Possible abuse or neglect"),
    ("Mr Jones downstairs has been cuckooed, there are people in and out of his flat all night",
     "Possible abuse or neglect"),
    ("The old man in the flat below looks frightened of his grandson who shouts at him",
     "Possible abuse or neglect"),
    ("my neighbour is scared of her husband, ive heard her screaming", "Possible abuse or neglect"),
    ("Her carer is stealing her money, she's 91 and doesn't understand", "Possible abuse or neglect"),
    ("We are being evicted tomorrow and have nowhere to go with two kids", "Urgent housing need / homelessness"),
    ("I'm sleeping rough behind the leisure centre since I lost my room", "Urgent housing need / homelessness"),
    ("been sofa surfing for 2 months, the council says I'm not priority", "Urgent housing need / homelessness"),
    ("landlord served a section 21 and the bailiffs are coming on monday", "Urgent housing need / homelessness"),
    ("im homless and its minus 3 tonight. please", "Urgent housing need / homelessness"),
    ("we are sleeping in our car with the dog since we were kicked out", "Urgent housing need / homelessness"),
    ("The ceiling has collapsed in the kids bedroom and we have been told to wait 6 weeks",
     "Urgent housing need / homelessness"),
    ("my elderly mum has been left without carers for 3 days, she can't get out of bed on her own",
     "Vulnerable adult without care"),
    ("Dad has dementia and the care agency never turned up this morning. He lives alone.",
     "Vulnerable adult without care"),
    ("The carers didnt come again today, my gran is 93 and hasnt eaten", "Vulnerable adult without care"),
    ("my brother has learning disabilities and has had no support since his social worker left",
     "Vulnerable adult without care"),
    ("Discharged from hospital with no care package and he can't get up the stairs",
     "Vulnerable adult without care"),
    ("My 86 year old neighbour has no heating and the boiler has been broken a week",
     "Vulnerable adult without care"),
    ("I'm his only carer and I'm at breaking point, respite has been cancelled 3 times",
     "Person in crisis or not coping"),
    ("I just can't cope anymore with three kids and no help", "Person in crisis or not coping"),
    ("Honestly at the end of my tether. Please ring me", "Person in crisis or not coping"),
    ("We're using the food bank every week now since the benefit was stopped",
     "Severe hardship (food, heating or money)"),
    ("cant afford to heat the flat and the kids are going to bed in their coats",
     "Severe hardship (food, heating or money)"),
    ("there's nothing to eat in the house until friday", "Severe hardship (food, heating or money)"),
    ("The electric has run out on the meter and I have a diabetic son who needs his insulin kept cold",
     "Severe hardship (food, heating or money)"),
    ("He collapsed in the stairwell because the lift has been broken for weeks", "Urgent health need"),
    ("I have run out of my medication and the pharmacy is a bus ride away", "Urgent health need"),
    ("Smell of gas in the block since last night and nobody has come", "Urgent health need"),
    ("My husband had a stroke and we cannot get him up the steps, we need a ramp", "Urgent health need"),
    ("She's on oxygen and we had a power cut for 9 hours", "Urgent health need"),
    ("the woman at 12 is hoarding and the smell is awful, she doesnt seem well and lives alone",
     "Vulnerable adult without care"),
    ("Safeguarding concern about the man at the bus station who has been living in the shelter",
     "Possible abuse or neglect"),
    ("my mum is 89 and has been on her own since the day centre shut", "Vulnerable adult without care"),
    ("Please help, my landlord threatened to kill me if I report the damp again", "Possible abuse or neglect"),
    ("the lad in the flat opposite is 15 and has been left on his own for a week",
     "Possible risk to a child"),
    ("Can't take it anymore. 4 years of this", "Person in crisis or not coping"),
    ("My nan fell twice last week, she is 88 and nobody has been to assess her", "Vulnerable adult without care"),
]

ORDINARY = [
    "There is a huge pothole on Station Road outside the Co-op, it burst my tyre",
    "My green bin was missed again this week, it was out by 7am",
    "Cars parked on the pavement on Mill Lane every morning, I can't get past with the pram",
    "The street light outside number 14 has been out for three weeks",
    "Fly tipping behind the shops on Orchard Way, mattresses and a fridge",
    "Why has my council tax gone up so much this year? The services have got worse",
    "The parking permit website keeps crashing when I try to renew",
    "Dog mess all over the path by the primary school, please put a bin there",
    "The recycling crew left the lids open and rubbish blew all down the road",
    "Your parking warden gave me a ticket when I was loading, I was there two minutes",
    "The grass verges on Elm Avenue haven't been cut all summer",
    "The library opening hours have been cut and it's closed on Saturdays now",
    "Overgrown hedge blocking the pavement on Church Street, you have to walk in the road",
    "Potholes on the A38 slip road are getting worse, someone will come off their bike",
    "I waited 45 minutes on the phone to the contact centre and then got cut off",
    "The new bin collection calendar is confusing, which week is the blue bin?",
    "Graffiti on the underpass near the station has been there for months",
    "The leisure centre changing rooms are dirty and the showers are cold",
    "Noisy bin lorry at 5.30am every Tuesday wakes the whole street up",
    "The road was resurfaced last month and it is already breaking up",
    "The traffic lights at the junction of High Street and Mill Road are stuck on red",
    "Thank you to the highways team for fixing the drain so quickly",
    "The blue badge bays outside the surgery are always taken by people without badges",
    "Why do I have to pay for garden waste collection on top of council tax?",
    "The bus shelter glass on Queens Road has been smashed for weeks",
    "Leaves blocking the gullies on our road, water pools every time it rains",
    "The park toilets are locked all the time, the kids have nowhere to go",
    "Missed my brown bin three weeks running, I've reported it twice",
    "Speed bumps on Park Lane are too high and damage cars",
    "Broken swing in the children's play area on Meadow Road",
    "Nobody answered my email about the planning application for two months",
    "The online form for reporting potholes doesn't work on my phone",
    "Street cleaning hasn't been done on our road since the market",
    "The car park machine only takes coins and nobody carries cash now",
    "Lovely staff at the library, really helpful with my bus pass",
    "The pavement outside the post office is uneven and my mum tripped on it",
    "Residents parking scheme is a waste of money, there are never any spaces",
    "Our road has been closed for roadworks for 6 weeks with nobody working on it",
    "The new cycle lane makes the junction more dangerous for drivers",
    "Bins not emptied on the estate, there are rats now",
    "I was charged twice for my parking permit, please refund me",
    "The council website says the tip is open on Sundays but it was shut",
    "Very slow response to my complaint about the noise from the pub",
    "The trees on Beech Road need cutting back, they block the street lights",
    "Can you put a dropped kerb outside the shops for wheelchairs and buggies",
    "The food waste caddy was thrown on the drive and cracked",
    "School drop off parking is a nightmare, people park across driveways",
    "Rubbish bags left out for days on the high street after the collection",
    "The allotment water supply has been off since spring",
    "Traffic wardens never come down our road but park on double yellows themselves",
    "Your staff were rude when I asked about my council tax bill",
    "The grit bin on Hill Rise has been empty all winter",
    "Why did it take three weeks to get a reply about my missed collection?",
    "The footpath through the woods is overgrown with brambles and nettles",
    "I can't get through to anyone about my housing benefit claim, it's been a month",
    "Please can you fix the sign at the end of our road, it's been knocked down",
    "The council tax direct debit form keeps rejecting my bank details",
    "Too many HGVs using the village as a rat run, the road can't take it",
    "The bin collection was great this week, thank you",
    "Fox has ripped open the bin bags again, can we have a wheelie bin instead",
    "Loud music from the flat above every night until 2am",
    "The dead tree on the green looks like it might fall on a car",
    "Abandoned car on Victoria Street has been there three months with a flat tyre",
]

# Three further sets of 20, each written fresh and measured before any pattern was added for it
# (first-look recall 0.40, 0.40, 0.45; with the embedding check at 0.4 the third rose to 0.80).
RISKY_MORE = [
    'My wife passed last Tuesday and I still got a reminder for her parking permit, its just cruel',
    'theres a man sleeping in the bus shelter on Kings Rd every night, he looks really ill',
    "I've been told I'll be on the street next week if the housing team don't ring back",
    "my boyfriend smashed up the flat and I'm scared he will come back tonight",
    'the toddler next door was out on the balcony on his own for an hour, third floor',
    'I honestly feel like giving up on life. the mould is making us all ill',
    "dad's carer has not been for four days, he's 90 and cant get to the toilet alone",
    'We have a 3 week old baby and the boiler broke on friday, the house is like ice',
    'she keeps saying she wants to die and her social worker never calls back',
    "someone is dealing drugs from my disabled uncle's flat and he's too scared to say",
    "Can't feed the kids this week, universal credit hasnt come through",
    'my son attempted suicide in june, we need a ground floor flat urgently',
    'the gas has been capped and I have a 6 month old',
    "My elderly neighbour hasn't been seen for a week and her post is piling up",
    'I was assaulted by my ex partner and need to move, the refuge is full',
    'Mum is in a wheelchair and the lift is broken, she has been stuck indoors for 2 weeks with no shopping',
    'There is a young girl who looks about 12 going in and out of the flat with older men at night',
    "I have stage 4 cancer and the bins aren't being collected from my door anymore, I can't drag them",
    'im on my own with depression and the neighbours are making my life hell',
    'My husband is violent and I need help with housing',
    "Our baby keeps getting chest infections from the damp and the landlord won't do anything",
    'Please check on the lady at number 7, the milk bottles are still on the step from last week',
    'my ex keeps turning up at my door shouting threats, I have an injunction',
    "I'm 78 and my heating has been off since October, I'm wearing my coat indoors",
    'the woman downstairs screams at her kids all day and I saw her drag the little one by the arm',
    "we've had no hot water for a month and my wife is 8 months pregnant",
    "I feel completely hopeless, nothing ever changes and I don't see the point anymore",
    "My brother has schizophrenia and stopped taking his meds, he's living in his car",
    'the lad next door says his stepdad locks him out all night',
    'We were burgled and now my 85 year old mum is too frightened to sleep',
    'Young people are being used to sell drugs from the empty flat, some look about 13',
    "my daughter is being bullied so badly she's stopped eating and won't leave her room",
    'Landlord changed the locks while I was at work, all my stuff is inside and I have nowhere to sleep',
    'My son has autism and was left at the school gate with no one to collect him as transport never came',
    'She has a learning disability and a man she met online has moved in and taken her benefits',
    "I've not eaten properly in days so my kids can eat",
    "since my husband's death I can't manage the bills or the stairs",
    "The old gentleman at 22 was found on the floor by the postman, he'd been there overnight",
    "I'm a carer for my mum and I'm exhausted and falling behind on everything, I'm not sleeping",
    "there is a lot of shouting and banging from next door and I'm worried for the woman who lives there",
    "My 16 year old has been kicked out by his dad and is staying at a friend's, he can't stay there past Sunday",
    "I think my neighbour's husband is hurting her, I hear thuds and crying through the wall",
    "Nobody has been to see my granddad since his wife died and he isn't looking after himself",
    "There's a baby crying for hours in the flat above and I never see anyone come or go",
    "I've had enough, I've got pills saved up",
    "The damp in my flat is so bad my son's asthma has put him in hospital twice",
    'My mother in law has dementia and keeps getting out at night, the police found her on the bypass',
    "I lost my job, I'm behind on rent and the landlord says we're out at the end of the month",
    "A man is living in the woods behind the estate and he looks like he hasn't eaten",
    "I'm partially sighted and the council took away my assisted bin collection, I fell trying to get it out",
    "She told me her boyfriend won't let her have a key or any money",
    "we've got 3 kids under 5 and no cooker or fridge since we moved in",
    "I just want all of this to stop, I'm so tired of fighting",
    'He gets very confused and lets strangers into the house, last week someone took his bank card',
    'My daughter self-isolates in her room and has scratches up her arms',
    "I'm 17 and my mum has told me to leave",
    'there are needles and used condoms in the stairwell where the kids play',
    'Our electricity was cut off today and my husband needs his oxygen machine',
    'The man at number 9 goes days without food, he can barely walk to the door',
    "I'm scared to go back to my flat because of the men who have been staying there",
]

# Ordinary complaints written alongside them.
ORDINARY_MORE = [
    'The crossing near the school is dangerous, cars speed through it every morning',
    'Dead pigeon on the pavement outside the chemist for a week',
    "I was hit with a £70 fine for a bus lane I didn't know existed",
    'Kids playing football in the car park keep hitting the cars',
    'The council killed off the weekly market and now the town is dead',
    'My car was damaged by a pothole on the bypass, I want to claim',
    "The homeless shelter signage is confusing, I couldn't find the entrance to the library",
    "Parking on both sides of Elm Road means the bin lorry can't get down",
    'The care home car park lights are broken',
    'Please stop cutting the grass so often, leave some for the bees',
    'The new school bus route takes 40 minutes longer', "I can't believe how long it takes to get a reply",
    'The park is a disgrace, broken glass everywhere and no bins',
    'Staff at the tip were really helpful, thank you', "My neighbour's tree is hanging over my garden",
    "Street lights on our estate go off at midnight and it's pitch black",
    "I've been waiting for my blue badge for 12 weeks", 'The pavements are icy and nobody has gritted them',
    'Why are the recycling centre opening hours so short in winter',
    'Parking enforcement never visits our road, people park on the zigzags',
    'Dog fouling on the playing fields is out of control',
    'The council has done nothing about the rats by the recycling bins',
    'The new parking charges at the seafront are ridiculous',
    'Thanks for sorting the fallen tree so quickly after the storm',
    "The footbridge over the railway is covered in graffiti and the lights don't work",
    'Roadworks on the ring road have caused chaos for weeks with no warning',
    "My neighbours' bins are always left out on the pavement",
    'The swimming pool was freezing and the lifeguard was on his phone',
    "The children's centre closing is a huge loss to the community",
    'Grass cuttings left all over the pavement and in the gutter',
    'I paid for a bulky waste collection and nobody came',
    'The planning committee ignored every objection from residents',
    'Bus stop moved without any notice, elderly people now have to walk much further',
    'Really pleased with the new play area, the kids love it',
    'Noise from the takeaway extractor fan all night',
    'Cars are being broken into in the station car park every week',
    "The hedges at the cemetery haven't been trimmed",
    "I can't find how to pay my council tax online, the site is confusing",
    'Trees dropping sap all over parked cars on Lime Avenue',
    'The public toilets in the town centre are filthy',
    'Please can you cut back the overhanging branches on Mill Lane',
    'The bins on the high street are overflowing every weekend',
    'Your contractor left a hole in the road unguarded overnight, someone could fall in',
    'Very disappointed that the Christmas lights were switched off early',
    'The car park barrier is broken and people are leaving without paying',
    'Can we have a zebra crossing outside the nursery, the traffic is terrible',
    'Leaking water main on Fore Street has been running for three days',
    "I reported a dumped sofa a month ago and it's still there",
    "The council's response to my FOI request was late and incomplete",
    'The bin crew were brilliant, they helped my elderly dad with his bins',
    'Foxes keep getting into the food waste caddy',
    "The community centre heating doesn't work and our yoga class was freezing",
    'Market traders are blocking the fire exit on Saturdays',
    'Potholes everywhere on Victoria Road, my wheel is bent', 'The cycle path is covered in broken glass',
    'Why is my garden waste subscription more expensive this year?',
    'Skateboarders at the war memorial every evening',
    "I would like to thank the library staff for the children's reading scheme",
    'The road sign at the roundabout is hidden by a hedge',
    'The new bus timetable means my son is late for school every day',
]

# The demo's five safeguarding stories (copied from app/demo/scenarios.py:
# classifiers may not import app.*).
DEMO = [
    "My mum is 89 and has dementia. The carers from the agency haven't turned up since Friday and nobody "
    "answers the phone. I live two hours away. When I rang her this morning she didn't know if she had eaten "
    "and she's been in the same clothes for days. She is on her own.\n\nPlease can somebody go round to her "
    "TODAY.",
    "Caller cares full time for her husband who has MS. Respite was cancelled again this week. She says she "
    "is at breaking point, hasn't slept properly for weeks and \"can't keep going like this\". Nobody from the "
    "team has returned her calls. Asked for someone to ring her back urgently.",
    "I'm worried about the elderly lady next door to me on Heron Court, Kettleby. Since her son moved in she "
    "looks frightened, she has bruises on her arms and she told me he takes her pension. She isn't allowed to "
    "answer the door any more. I didn't know who else to tell and I want to know someone is going to check on "
    "her.",
    "the children at the house opposite me are left on their own most nights, i can hear the little one "
    "crying for hours and theres no adult there. they dont seem to be going to school either. i dont want to "
    "give my name",
    "My dad was discharged from hospital on Friday night with no care package in place even though the ward "
    "told us it was all arranged. He has fallen twice since. He can't get up the stairs so he's sleeping in "
    "his chair, and the heating isn't on because he can't reach the boiler. He is 84 and lives alone in Upper "
    "Hadlow.\n\nI have rung adult social care every day this week. Someone needs to help him before "
    "something terrible happens.",
]


def test_corpora_are_big_enough():
    assert len(RISKY) >= 60 and len(ORDINARY) >= 60
    assert {reason for _, reason in RISKY} <= set(REASONS)


def test_recall_on_risky_texts_is_at_least_95_percent():
    texts = [text for text, _ in RISKY] + RISKY_MORE
    missed = [text for text in texts if not assess(text).flagged]
    recall = 1 - len(missed) / len(texts)
    assert recall >= 0.95, missed


def test_reasons_are_right_for_most_risky_texts():
    wrong = [(text, reason, assess(text).reasons) for text, reason in RISKY if reason not in assess(text).reasons]
    assert len(wrong) <= len(RISKY) * 0.1, wrong


def test_precision_on_ordinary_complaints():
    ordinary = ORDINARY + ORDINARY_MORE
    risky = [text for text, _ in RISKY] + RISKY_MORE
    flagged = [text for text in ordinary if assess(text).flagged]
    true_positives = sum(assess(text).flagged for text in risky)
    precision = true_positives / (true_positives + len(flagged))
    print(f"safeguarding recall {true_positives / len(risky):.3f} precision {precision:.3f} "
          f"(false flags {len(flagged)}/{len(ordinary)})")
    assert len(flagged) <= len(ordinary) * 0.05, flagged


@pytest.mark.parametrize("text", DEMO)
def test_every_demo_safeguarding_story_flags(text):
    result = assess(text)
    assert result.flagged and result.reasons and result.evidence
    assert all(snippet in " ".join(text.split()) for snippet in result.evidence)


def test_result_shape_and_evidence_is_the_matched_sentence():
    result = assess("The bins were late. My mum died on Tuesday.\nAlso the road is bad.")
    assert isinstance(result, SafeguardingResult) and result.to_dict()["flagged"] is True
    assert result.reasons == ["Bereavement"] and result.evidence == ["My mum died on Tuesday."]
    assert 0 < result.score <= 1


def test_negation_still_flags_and_wrapped_lines_and_curly_apostrophes_match():
    plain, negated = assess("I am suicidal"), assess("I am not suicidal")
    assert negated.flagged and negated.reasons == plain.reasons and negated.score < plain.score
    text = "Dear Sir,\nthe carers from the agency haven\u2019t\nturned up for my father since Monday."
    assert "Vulnerable adult without care" in assess(text).reasons


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "!!!", "x" * 20000, "\u0130" * 50])
def test_empty_and_odd_input_never_raises(text):
    assert assess(text).flagged is False
    assert assess(None).flagged is False


class FakeEncoder:
    """Bag-of-keywords vectors: enough to exercise the embedding path."""
    words = ("lonely", "isolated", "scared", "pothole", "bin")

    def encode(self, texts):
        rows = [[float(w in t.lower()) for w in self.words] + [0.01] for t in texts]
        matrix = np.asarray(rows, dtype=np.float32)
        return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_embedding_similarity_adds_a_reason_the_patterns_miss():
    encoder = FakeEncoder()
    prototypes = {"Vulnerable adult without care": encoder.encode(["so lonely and isolated"])}
    text = "I feel lonely and isolated here"
    assert not assess(text).flagged
    result = assess(text, encoder.encode([text])[0], prototypes)
    assert result.flagged and result.reasons == ["Vulnerable adult without care"]
    assert not assess("a pothole", encoder.encode(["a pothole"])[0], prototypes).flagged


def test_assess_batch_with_and_without_encoder():
    texts = ["My mum died", "pothole on the bin route", "I feel lonely and isolated"]
    assert [r.flagged for r in assess_batch(texts)] == [True, False, False]
    prototypes = build_prototypes(FakeEncoder())
    assert set(prototypes) == set(REASONS) and all(p.shape[1] == 6 for p in prototypes.values())
    assert assess_batch([]) == [] and len(assess_batch(texts, encoder=FakeEncoder())) == 3


def test_with_the_tiny_encoder_if_available(tmp_path):
    testing = pytest.importorskip("classifiers.testing")
    encoder_module = pytest.importorskip("classifiers.encoder")
    encoder = encoder_module.load_encoder(testing.build_tiny_encoder(tmp_path / "tiny"), verify=False)
    results = assess_batch(["My mum died", "pothole"], encoder=encoder)
    assert results[0].flagged and "Bereavement" in results[0].reasons

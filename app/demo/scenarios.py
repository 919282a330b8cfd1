"""Fixed demo stories for the features that look for patterns:

- SAFEGUARDING: texts a safeguarding flag should catch (an adult left without
  care, a carer at breaking point, possible abuse, a child left alone);
- FLOODING: six residents about the same flooding, in the same week, for
  emerging-issue detection;
- REPEAT: one resident reporting the same missed bin three times, for
  near-duplicate detection;
- COLLECTION_CHANGE: a run of missed bins in one village in the last few days, since its
  collection day changed: the live emerging issue the worker finds soon after `make run`.

`days_ago` and `at` (local time) place each one; `person` is "new" (a fresh
resident), "none" (anonymous) or "repeat" (REPEAT_PERSON).
"""

SAFEGUARDING = (
    dict(service="adult-social-care", kind="complaint", channel="email", days_ago=3, at="07:42",
         person="new",
         text="My mum is 89 and has dementia. The carers from the agency haven't turned up since "
              "Friday and nobody answers the phone. I live two hours away. When I rang her this "
              "morning she didn't know if she had eaten and she's been in the same clothes for "
              "days. She is on her own.\n\nPlease can somebody go round to her TODAY."),
    dict(service="adult-social-care", kind="complaint", channel="phone", days_ago=9, at="14:10",
         person="new",
         text="Caller cares full time for her husband who has MS. Respite was cancelled again "
              "this week. She says she is at breaking point, hasn't slept properly for weeks and "
              "\"can't keep going like this\". Nobody from the team has returned her calls. "
              "Asked for someone to ring her back urgently."),
    dict(service="adult-social-care", kind="complaint", channel="web", days_ago=21, at="20:55",
         person="new",
         text="I'm worried about the elderly lady next door to me on Heron Court, Kettleby. Since "
              "her son moved in she looks frightened, she has bruises on her arms and she told me "
              "he takes her pension. She isn't allowed to answer the door any more. I didn't know "
              "who else to tell and I want to know someone is going to check on her."),
    dict(service="childrens-services", kind="comment", channel="web", days_ago=34, at="23:18",
         person="none",
         text="the children at the house opposite me are left on their own most nights, i can "
              "hear the little one crying for hours and theres no adult there. they dont seem to "
              "be going to school either. i dont want to give my name"),
    dict(service="adult-social-care", kind="complaint", channel="web", days_ago=52, at="18:30",
         person="new",
         text="My dad was discharged from hospital on Friday night with no care package in place "
              "even though the ward told us it was all arranged. He has fallen twice since. He "
              "can't get up the stairs so he's sleeping in his chair, and the heating isn't on "
              "because he can't reach the boiler. He is 84 and lives alone in Upper Hadlow.\n\n"
              "I have rung adult social care every day this week. Someone needs to help him "
              "before something terrible happens."),
)

FLOODING = (
    dict(service="highways", kind="complaint", channel="web", days_ago=9, at="07:15",
         person="new",
         text="Brookfield Road in Little Wexley is flooded AGAIN. The drains at the bottom by the "
              "bridge are completely blocked and the water is up to our front doors. Second time "
              "this month."),
    dict(service="highways", kind="complaint", channel="web", days_ago=9, at="21:40",
         person="new",
         text="water coming up through the drains on brookfield road every time it rains, my "
              "garage is flooded and nobody has come out"),
    dict(service="highways", kind="complaint", channel="phone", days_ago=8, at="10:05",
         person="new",
         text="Caller from Brookfield Road, Little Wexley says the road is under about a foot of "
              "water outside numbers 20 to 30. Cars are driving through and pushing the water "
              "into houses. Drains blocked with leaves. Wants to know when they will be cleared."),
    dict(service="highways", kind="complaint", channel="email", days_ago=7, at="08:50",
         person="new",
         text="Dear Highways,\n\nI am writing on behalf of several neighbours on Brookfield Road, "
              "Little Wexley. Since the heavy rain at the weekend the road has been impassable at "
              "the dip near the stream. As far as any of us can remember the gullies have not "
              "been cleared in years.\n\nWe have bought sandbags at our own cost. Two houses "
              "have had water in the kitchen. We would like to know when the drains will be "
              "jetted and what the council is going to do to stop this happening every time it "
              "rains.\n\nRegards"),
    dict(service="highways", kind="complaint", channel="web", days_ago=6, at="12:20",
         person="new",
         text="Flooding on Brookfield Road Little Wexley - the school bus couldn't get through "
              "this morning and the kids had to walk through it. Sort the drains out please"),
    dict(service="highways", kind="service_request", channel="web", days_ago=5, at="19:05",
         person="new",
         text="Please can you send someone to clear the blocked gullies on Brookfield Road, "
              "Little Wexley. Water is pooling right across the road near the bridge after any "
              "rain."),
)

REPEAT_PERSON = dict(name="Margaret Pennock", email="margaret.pennock@example.net",
                     phone="01632 960418")

REPEAT = (
    dict(service="waste-recycling", kind="complaint", channel="web", days_ago=40, at="09:12",
         person="repeat",
         text="Our green bin has been missed again at 14 Tanners Lane, Pennford. It was out by "
              "7am as usual. Please send the crew back."),
    dict(service="waste-recycling", kind="complaint", channel="web", days_ago=26, at="08:47",
         person="repeat",
         text="Green bin missed AGAIN at 14 Tanners Lane Pennford. I reported this two weeks ago. "
              "It was out by 7am. Please send the crew back this time."),
    dict(service="waste-recycling", kind="complaint", channel="web", days_ago=12, at="09:03",
         person="repeat",
         text="Third time now - our green bin at 14 Tanners Lane, Pennford has been missed "
              "again. It was out by 7am like always. I've reported it twice already. Please send "
              "the crew back and stop missing us."),
)

COLLECTION_CHANGE = (
    dict(service="waste-recycling", kind="complaint", channel="web", days_ago=5, at="18:20",
         person="new",
         text="Our bins in Oakhurst Green haven't been collected since you changed the collection "
              "day to Friday. The black bin is overflowing and nobody told us the new day "
              "properly."),
    dict(service="waste-recycling", kind="complaint", channel="email", days_ago=4, at="07:55",
         person="new",
         text="Dear Waste Team,\n\nSince the new collection day started in Oakhurst Green our "
              "recycling and general waste bins have not been emptied. We put them out on Friday "
              "as the leaflet said and they were still there on Monday.\n\nPlease send the crew "
              "back.\n\nRegards"),
    dict(service="waste-recycling", kind="complaint", channel="phone", days_ago=4, at="11:30",
         person="new",
         text="Caller from Meadow Rise, Oakhurst Green says the bins on the whole street were "
              "missed after the collection day change. Black and green bins out since Friday "
              "morning. Wants them emptied."),
    dict(service="waste-recycling", kind="complaint", channel="web", days_ago=3, at="21:05",
         person="new",
         text="bins not emptied on our road in oakhurst green since the day changed. whole street "
              "still has bins out, its a mess"),
    dict(service="waste-recycling", kind="service_request", channel="web", days_ago=3, at="08:40",
         person="new",
         text="Please can you send the bin lorry back to Oakhurst Green. Our bins were missed on "
              "the new collection day."),
    dict(service="waste-recycling", kind="complaint", channel="web", days_ago=2, at="19:45",
         person="new",
         text="Missed bin collection again in Oakhurst Green. Since the collection day was changed "
              "nobody has emptied our bins and the foxes are getting into the bags."),
    dict(service="waste-recycling", kind="complaint", channel="email", days_ago=1, at="09:15",
         person="new",
         text="Hello,\n\nOur bins in Oakhurst Green were missed again this week after the change "
              "of collection day. This is the second week running. Is there a problem with the new "
              "round?\n\nThanks"),
)

ALL = (("safeguarding", SAFEGUARDING), ("emerging_issue", FLOODING), ("repeat", REPEAT),
       ("collection_change", COLLECTION_CHANGE))

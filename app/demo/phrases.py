"""Shared text material for demo feedback: a fictional county's places, the people
who write in, and the small phrases residents use whatever the service.

Every place here is invented. Residents' names are common first names and
surnames put together at random; staff are only ever named by a first name.
"""

PLACES = (
    "Ashcombe", "Little Wexley", "Great Wexley", "Hollinbury", "Kettleby", "Pennford",
    "Marsh Dunstone", "Stoke Ambrey", "Westerleigh Cross", "Upper Hadlow", "Saltmarsh",
    "Fernbridge", "Nethercott", "Oakhurst Green", "Colbrook St Mary",
)

# Brookfield Road is kept out on purpose: it belongs to the flooding cluster.
ROADS = (
    "Mill Lane", "Orchard Way", "Church Street", "Kingfisher Close", "Hawthorn Avenue",
    "Tanners Lane", "Victoria Terrace", "The Crescent", "Meadow Rise", "Foundry Street",
    "Sandpit Lane", "Quarry Hill", "Priory Walk", "Chapel Row", "Lark Rise", "Willow Bank",
    "Ferry Road", "Cobblers Lane", "Wexley Road", "Ambrey Hill", "Saxon Way", "Dunstone Drive",
    "Heron Court", "Old Forge Lane", "Pennford Road", "Maltings Close", "Beacon View",
    "Cressfield Avenue", "Rookery Lane", "St Aldhelm's Road",
)

LIBRARIES = (
    "Ashcombe Library", "Hollinbury Library", "Pennford Library", "Kettleby Library",
    "Great Wexley Library", "Saltmarsh Library", "Fernbridge community library",
)

SCHOOLS = (
    "St Aldhelm's Primary", "Ashcombe Community School", "Little Wexley C of E Primary",
    "Hollinbury Academy", "Pennford High School", "Kettleby Junior School",
    "Oakhurst Green Primary", "Saltmarsh Infants",
)

CAR_PARKS = (
    "Foundry Street car park", "Ashcombe Quay car park", "the Maltings multi-storey",
    "Pennford station car park", "Kettleby market car park",
)

RECYCLING_CENTRES = (
    "Kettleby tip", "Saltmarsh recycling centre", "the Hollinbury HWRC",
    "Nethercott recycling centre",
)

BUS_ROUTES = ("42", "X7", "18", "3A", "61", "Wexley Flyer")

STAFF_FIRST_NAMES = (
    "Sarah", "Dave", "Priya", "Mohammed", "Jo", "Karen", "Tom", "Aisha", "Gareth", "Emma",
    "Lee", "Bernie", "Fatima", "Chris", "Lorraine", "Kwame", "Siobhan", "Raj",
)

RELATIVES = ("mum", "dad", "nan", "grandad", "husband", "wife", "partner", "brother", "sister")
RELATIVES_F = ("mum", "nan", "wife", "aunt", "sister", "mother-in-law")
RELATIVES_M = ("dad", "grandad", "husband", "uncle", "brother", "father-in-law")
CHILDREN = ("son", "daughter", "eldest", "youngest", "little boy", "little girl")

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")

RESIDENT_FIRST_NAMES = (
    "Margaret", "Susan", "Linda", "Patricia", "Julie", "Karen", "Claire", "Rachel", "Emma",
    "Sophie", "Chloe", "Jessica", "Amy", "Hannah", "Lauren", "Zainab", "Amina", "Priya",
    "Anita", "Agnieszka", "Grace", "Joy", "Bridget", "Maureen", "Pauline", "Gemma", "Kerry",
    "John", "David", "Michael", "Paul", "Andrew", "Mark", "Steven", "Ian", "Gary", "Neil",
    "Darren", "Craig", "James", "Daniel", "Ryan", "Liam", "Jack", "Mohammed", "Imran",
    "Tariq", "Sanjay", "Tomasz", "Kofi", "Emeka", "Patrick", "Derek", "Keith", "Colin",
    "Brian", "Alan", "Trevor",
)

SURNAMES = (
    "Smith", "Jones", "Williams", "Taylor", "Brown", "Davies", "Evans", "Wilson", "Thomas",
    "Roberts", "Johnson", "Walker", "Wright", "Robinson", "Thompson", "White", "Hughes",
    "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke",
    "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King", "Watson",
    "Baker", "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "Phillips",
    "Parker", "Begum", "Ali", "Hussain", "Khan", "Kowalski", "Nowak", "Okafor", "Mensah",
    "O'Brien", "Murphy", "Kelly", "Campbell", "Stewart", "MacDonald", "Fletcher", "Lambert",
    "Chapman", "Holloway", "Pennock", "Ashworth", "Dobson", "Rowe",
)

# Reserved for documentation: never a real inbox (RFC 2606).
EMAIL_DOMAINS = ("example.com", "example.org", "example.net")

# Openings and sign-offs for emails and longer web forms ("" means none).
OPENERS = (
    "Dear Sir/Madam,", "Dear Sir or Madam,", "To whom it may concern,", "Hi,", "Hello,",
    "Good morning,", "hi there", "Dear Council,", "Hello there,",
)
SIGN_OFFS = (
    "Thanks", "Thank you", "Regards", "Kind regards", "Many thanks", "cheers",
    "Yours faithfully", "Best wishes", "thanks in advance",
)
EMAIL_FOOTERS = ("Sent from my iPhone", "Sent from my Galaxy", "Sent from Outlook for Android")

# Call notes and help-point notes: the officer's words around the resident's.
PHONE_NOTES = (
    "Call logged by contact centre. Resident says: \"{text}\"",
    "Caller asked us to record the following: {text}",
    "Phone call from resident. {text}",
    "Rang the main switchboard, transferred. Summary in their words: {text}",
    "{text}",
)
IN_PERSON_NOTES = (
    "Resident came to the {library} help point and asked us to log this: \"{text}\"",
    "Spoke to resident at reception. In their words: {text}",
    "Face to face at the customer service centre. {text}",
    "{text}",
)

# Added to complaints to make them longer and angrier.
COMPLAINT_EXTRAS = (
    "I have rung {n} times and nobody calls back.",
    "I want someone to actually ring me back this time.",
    "This is not good enough.",
    "I pay my council tax like everyone else.",
    "Nobody seems to take any responsibility.",
    "I have been on hold for over {minutes} minutes twice now.",
    "I am really disappointed with how this has been handled.",
    "Please can somebody just sort it out.",
    "I've lived here {years} years and it has never been this bad.",
    "I would like a proper explanation and an apology.",
    "The website said it would be dealt with in {weeks} weeks and it's been longer than that.",
    "I'm not the only one, the whole street is fed up with it.",
    "If this isn't sorted I will be contacting my councillor.",
    "I have already reported this online and got an automatic email and then nothing.",
    "Your own website says you aim to reply within 10 working days. It has been over a month.",
    "I don't expect miracles but I do expect a reply.",
    "It has taken up hours of my time chasing this.",
    "Every time I ring I get passed to a different department.",
)

# The story of chasing it, for the longest complaints (used in this order).
COMPLAINT_HISTORY = (
    "I first reported this back in {month} and was given a reference number, which nobody I "
    "speak to can find.",
    "When I rang on {weekday} I was told someone would call me back within 48 hours. Nobody did.",
    "I then emailed and got an automatic reply saying you were dealing with high volumes.",
    "A week later I rang again and spoke to {staff}, who was very nice but said it was with "
    "another team.",
    "Since then I have chased it {n} more times and I am getting nowhere.",
)

# Added to compliments and mixed comments.
PRAISE_EXTRAS = (
    "{staff} on the phone was brilliant.",
    "Big thank you to {staff} who went above and beyond.",
    "{staff} at the front desk was so patient with me.",
    "Please pass my thanks on to {staff}.",
    "Credit where it's due.",
    "Keep up the good work.",
    "It's not often you get good service these days so I wanted to say.",
    "Really made my day.",
    "Could not fault it.",
)
COMMENT_EXTRAS = (
    "Just a suggestion.",
    "Not a complaint as such, just feedback.",
    "Hope this helps.",
    "Happy to talk about it if anyone wants to ring me.",
    "Otherwise no complaints.",
    "Might be worth looking at.",
)

# Added to service requests.
REQUEST_EXTRAS = (
    "Thanks in advance.",
    "Please let me know what happens next.",
    "It's quite urgent.",
    "Best to ring me, I don't check emails much.",
    "I'm in most days after 2pm if anyone needs to come round.",
    "Thank you.",
    "Is there a reference number for this?",
)

SHORT_PRAISE = (
    "brilliant service thank you", "Very helpful staff, thanks.", "Quick and easy.",
    "no complaints at all", "5 stars, really helpful", "Great service as always",
    "thank you so much!!", "Excellent, sorted first time.", "couldn't have been more helpful",
)

# Common misspellings, applied to some residents' texts.
MISSPELLINGS = {
    "received": "recieved",
    "definitely": "definately",
    "separate": "seperate",
    "until": "untill",
    "tomorrow": "tommorow",
    "which": "wich",
    "disappointed": "dissapointed",
    "believe": "beleive",
    "necessary": "neccessary",
    "business": "buisness",
    "appalling": "appaling",
    "responsible": "responsable",
    "immediately": "immediatly",
    "because": "becuase",
    "really": "realy",
    "would have": "would of",
    "through": "thru",
    "please": "pls",
    "weeks": "wks",
    "their": "there",
    "explanation": "explaination",
    "assessment": "assesment",
    "council": "counsil",
    "collection": "colection",
    "library": "libary",
    "appointment": "appointmemt",
    "neighbour": "nieghbour",
    "certificate": "certifcate",
}

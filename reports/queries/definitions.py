"""One line per figure, shown beside it on the dashboard and in its CSV, so two councils
compute each the same way. The code that computes each is named in brackets."""
from app.languages import N_

DEFINITIONS = {
    "csat": "CSAT: the percentage of answers to satisfaction (CSAT) questions, scored 1 to 5, that "
            "were 4 (satisfied) or 5 (very satisfied), of all answers to them in the period.",
    "nps": "NPS: the percentage of answers to 0 to 10 'how likely are you to recommend' questions "
           "that were 9 or 10 (promoters) minus the percentage that were 0 to 6 (detractors); "
           "from -100 to +100.",
    "ces": "Customer effort: the mean answer to customer effort (CES) questions, 1 (very difficult) "
           "to 7 (very easy), so higher means easier.",
    "fcr_survey": "First contact resolution (survey): the percentage of answers 'Yes' to "
                  "'Was it sorted the first time you contacted us?', of all Yes and No answers.",
    "fcr_repeat": "First contact resolution (repeat contact): the percentage of contacts (complaints, "
                  "comments and service requests from a known resident about a service) not followed "
                  "by another contact from the same resident about the same service within the repeat "
                  "window (REPEAT_CONTACT_DAYS, 14 days unless the council set another); the contacts of "
                  "the last days of that window can still change.",
    "fcr_recorded": "First contact resolution (recorded): of contacts received in the period whose "
                    "resolution was recorded when they were taken (calls, visits, letters), the percentage "
                    "recorded as resolved and not followed by a repeat contact.",
    "repeat_contacts": "Repeat contacts: contacts received in the period from a resident about a service "
                       "they had contacted us about within the repeat window (REPEAT_CONTACT_DAYS, 14 days "
                       "unless the council set another).",
    # Marked (N_): the published annual report shows this one translated (reports.annual.content).
    "items": N_("Feedback received: compliments, comments, complaints, service requests and free-text "
                "survey answers received in the period (Europe/London dates), by channel, service and "
                "type."),
    "responses": "Survey responses: responses submitted in the period, by touchpoint (email invitations "
                 "and links have none).",
    "ack1": "Stage 1 acknowledged in time: of stage 1 acknowledgement deadlines (5 working days after "
            "receipt, plus pauses) falling due in the period and settled, the percentage met by the deadline.",
    "resp1": "Stage 1 responded in time: of stage 1 response deadlines (10 working days after "
             "acknowledgement, plus any extension and pauses) falling due in the period and settled, "
             "the percentage met by the deadline.",
    "ack2": "Stage 2 acknowledged in time: of stage 2 acknowledgement deadlines (5 working days after "
            "the request, plus pauses) falling due in the period and settled, the percentage met.",
    "resp2": "Stage 2 responded in time: of stage 2 response deadlines (20 working days after "
             "acknowledgement, plus any extension and pauses) falling due in the period and settled, "
             "the percentage met.",
    "escalation": "Escalation rate: of complaints given a stage 1 response in the period, the "
                  "percentage the resident has since taken to stage 2.",
    "upheld": "Upheld rate: of complaints closed in the period with a decision (upheld, partly upheld "
              "or not upheld; withdrawn ones left out), the percentage upheld or partly upheld.",
    "ombudsman": "Ombudsman referrals: complaints referred to an Ombudsman in the period.",
    "negative_share": "Negative sentiment: of feedback received in the period with a sentiment (an "
                      "officer's label, else the model's), the percentage that is negative.",
    "positive_share": "Positive sentiment: of feedback received in the period with a sentiment, the "
                      "percentage that is positive.",
    "topics": "Top topics: feedback received in the period whose current themes (an officer's, else "
              "the model's) include the topic; an item can have several.",
    "emerging": "Emerging issues: clusters of five or more similar items within 7 days, raised by Heard "
                "and not dismissed, seen in the period.",
}
SETTLED = ("A deadline is settled when it was met, or passed unmet while the complaint was open; "
           "deadlines still running, paused or on complaints closed without that step are not counted.")

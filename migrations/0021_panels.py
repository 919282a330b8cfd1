"""Customer panels (panels/): panels and their facilitators, applications, members with their
demographics (special-category) and passwordless sign-in, the population profile; proposals with
topics, actions, documents, questions, answers, comments, views, notifications and panel surveys."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'staff_user'

    class ServiceArea(Model):
        class Meta:
            database = db
            table_name = 'service_area'

    class Publication(Model):
        class Meta:
            database = db
            table_name = 'yswd_publication'

    class Topic(Model):
        class Meta:
            database = db
            table_name = 'topic'

    class Action(Model):
        class Meta:
            database = db
            table_name = 'action'

    class Survey(Model):
        class Meta:
            database = db
            table_name = 'survey'

    class Panel(Model):
        name = CharField(max_length=200)
        slug = CharField(max_length=120, unique=True)
        summary = TextField(default='')
        how_to_join = TextField(default='')
        accepting_applications = BooleanField(default=True)
        created_at = DateTimeField()
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'panel'
            legacy_table_names = False

    class PanelFacilitator(Model):
        panel = ForeignKeyField(Panel, index=True, on_delete='CASCADE', backref='panel_facilitator_panel_set')
        user = ForeignKeyField(User, index=True, on_delete='CASCADE', backref='panel_facilitator_user_set')

        class Meta:
            database = db
            table_name = 'panel_facilitator'
            legacy_table_names = False
            indexes = [(('panel', 'user'), True)]

    class Member(Model):
        email = CharField(max_length=320, unique=True)
        name = CharField(max_length=200)
        support_needs = TextField(default='')
        digest_enabled = BooleanField(default=True)
        created_at = DateTimeField()
        last_signed_in_at = DateTimeField(null=True)
        anonymised_at = DateTimeField(null=True)
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'panel_member'
            legacy_table_names = False

    class Application(Model):
        panel = ForeignKeyField(Panel, index=True, on_delete='CASCADE', backref='panel_application_panel_set')
        name = CharField(max_length=200)
        email = CharField(max_length=320, index=True)
        reason = TextField()
        support_needs = TextField(default='')
        demographics_consent = BooleanField(default=False)
        age_band = CharField(max_length=40, default='')
        sex = CharField(max_length=40, default='')
        ethnicity = CharField(max_length=80, default='')
        disability = CharField(max_length=60, default='')
        area = CharField(max_length=120, default='')
        status = CharField(max_length=20, index=True, default='pending')
        decision_reason = TextField(default='')
        decided_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_application_decided_by_set')
        decided_at = DateTimeField(null=True)
        member = ForeignKeyField(Member, null=True, index=True, on_delete='SET NULL', backref='panel_application_member_set')
        created_at = DateTimeField(index=True)
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'panel_application'
            legacy_table_names = False

    class Membership(Model):
        panel = ForeignKeyField(Panel, index=True, on_delete='CASCADE', backref='panel_membership_panel_set')
        member = ForeignKeyField(Member, index=True, on_delete='CASCADE', backref='panel_membership_member_set')
        joined_at = DateTimeField()
        left_at = DateTimeField(null=True)
        application = ForeignKeyField(Application, null=True, index=True, on_delete='SET NULL', backref='panel_membership_application_set')

        class Meta:
            database = db
            table_name = 'panel_membership'
            legacy_table_names = False
            indexes = [(('panel', 'member'), True)]

    class Demographics(Model):
        member = ForeignKeyField(Member, unique=True, on_delete='CASCADE', backref='panel_demographics_member_set')
        age_band = CharField(max_length=40, default='')
        sex = CharField(max_length=40, default='')
        ethnicity = CharField(max_length=80, default='')
        disability = CharField(max_length=60, default='')
        area = CharField(max_length=120, default='')
        consented_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'panel_demographics'
            legacy_table_names = False

    class PopulationShare(Model):
        dimension = CharField(max_length=20)
        category = CharField(max_length=120)
        percent = FloatField()
        source = CharField(max_length=200, default='')
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'panel_population_share'
            legacy_table_names = False
            indexes = [(('dimension', 'category'), True)]

    class SignInLink(Model):
        member = ForeignKeyField(Member, index=True, on_delete='CASCADE', backref='panel_sign_in_link_member_set')
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField(index=True)
        expires_at = DateTimeField()
        used_at = DateTimeField(null=True)

        class Meta:
            database = db
            table_name = 'panel_sign_in_link'
            legacy_table_names = False

    class MemberSession(Model):
        token_hash = CharField(max_length=64, unique=True)
        member = ForeignKeyField(Member, index=True, on_delete='CASCADE', backref='panel_session_member_set')
        created_at = DateTimeField()
        last_seen_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'panel_session'
            legacy_table_names = False

    class Proposal(Model):
        panel = ForeignKeyField(Panel, index=True, on_delete='CASCADE', backref='panel_proposal_panel_set')
        title = CharField(max_length=200)
        what_would_change = TextField()
        why = TextField()
        service = ForeignKeyField(ServiceArea, null=True, index=True, on_delete='SET NULL', backref='panel_proposal_service_set')
        evidence_start = DateField(null=True)
        evidence_end = DateField(null=True)
        closes_on = DateField()
        status = CharField(max_length=20, index=True, default='draft')
        created_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_proposal_created_by_set')
        created_at = DateTimeField()
        opened_at = DateTimeField(null=True)
        decision = TextField(default='')
        decided_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_proposal_decided_by_set')
        decided_at = DateTimeField(null=True)
        publication = ForeignKeyField(Publication, null=True, index=True, on_delete='SET NULL', backref='panel_proposal_publication_set')
        is_demo = BooleanField(default=False)

        class Meta:
            database = db
            table_name = 'panel_proposal'
            legacy_table_names = False

    class ProposalTopic(Model):
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_proposal_topic_proposal_set')
        topic = ForeignKeyField(Topic, index=True, on_delete='CASCADE', backref='panel_proposal_topic_topic_set')

        class Meta:
            database = db
            table_name = 'panel_proposal_topic'
            legacy_table_names = False
            indexes = [(('proposal', 'topic'), True)]

    class ProposalAction(Model):
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_proposal_action_proposal_set')
        action = ForeignKeyField(Action, index=True, on_delete='CASCADE', backref='panel_proposal_action_action_set')
        role = CharField(max_length=20, default='evidence')

        class Meta:
            database = db
            table_name = 'panel_proposal_action'
            legacy_table_names = False
            indexes = [(('proposal', 'action', 'role'), True)]

    class Document(Model):
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_document_proposal_set')
        filename = CharField(max_length=200)
        stored_name = CharField(max_length=80, unique=True)
        content_type = CharField(max_length=60)
        size = IntegerField()
        sha256 = CharField(max_length=64)
        uploaded_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_document_uploaded_by_set')
        uploaded_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'panel_document'
            legacy_table_names = False

    class Question(Model):
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_question_proposal_set')
        position = IntegerField(default=0)
        text = TextField()

        class Meta:
            database = db
            table_name = 'panel_question'
            legacy_table_names = False

    class Answer(Model):
        question = ForeignKeyField(Question, index=True, on_delete='CASCADE', backref='panel_answer_question_set')
        member = ForeignKeyField(Member, index=True, on_delete='CASCADE', backref='panel_answer_member_set')
        text = TextField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'panel_answer'
            legacy_table_names = False
            indexes = [(('question', 'member'), True)]

    class Comment(Model):
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_comment_proposal_set')
        parent = ForeignKeyField('self', null=True, index=True, on_delete='CASCADE', backref='panel_comment_parent_set')
        member = ForeignKeyField(Member, null=True, index=True, on_delete='SET NULL', backref='panel_comment_member_set')
        staff_author = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_comment_staff_author_set')
        body = TextField()
        created_at = DateTimeField(index=True)
        hidden_at = DateTimeField(null=True)
        hidden_reason = TextField(default='')
        hidden_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_comment_hidden_by_set')
        sentiment = CharField(max_length=20, default='')
        sentiment_score = FloatField(null=True)
        topic = CharField(max_length=60, default='')
        topic_score = FloatField(null=True)
        classified_version = CharField(max_length=200, default='')

        class Meta:
            database = db
            table_name = 'panel_comment'
            legacy_table_names = False

    class View(Model):
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_view_proposal_set')
        member = ForeignKeyField(Member, index=True, on_delete='CASCADE', backref='panel_view_member_set')
        stance = CharField(max_length=10)
        reason = TextField()
        updated_at = DateTimeField()

        class Meta:
            database = db
            table_name = 'panel_view'
            legacy_table_names = False
            indexes = [(('proposal', 'member'), True)]

    class Notification(Model):
        member = ForeignKeyField(Member, index=True, on_delete='CASCADE', backref='panel_notification_member_set')
        kind = CharField(max_length=20)
        proposal = ForeignKeyField(Proposal, index=True, on_delete='CASCADE', backref='panel_notification_proposal_set')
        comment = ForeignKeyField(Comment, null=True, index=True, on_delete='CASCADE', backref='panel_notification_comment_set')
        created_at = DateTimeField(index=True)
        digested_at = DateTimeField(null=True, index=True)

        class Meta:
            database = db
            table_name = 'panel_notification'
            legacy_table_names = False

    class SurveySend(Model):
        panel = ForeignKeyField(Panel, index=True, on_delete='CASCADE', backref='panel_survey_send_panel_set')
        survey = ForeignKeyField(Survey, index=True, on_delete='CASCADE', backref='panel_survey_send_survey_set')
        sent_by = ForeignKeyField(User, null=True, index=True, on_delete='SET NULL', backref='panel_survey_send_sent_by_set')
        sent_at = DateTimeField()
        invited = IntegerField(default=0)

        class Meta:
            database = db
            table_name = 'panel_survey_send'
            legacy_table_names = False

    db.create_tables([Panel, PanelFacilitator, Member, Application, Membership, Demographics, PopulationShare, SignInLink, MemberSession, Proposal, ProposalTopic, ProposalAction, Document, Question, Answer, Comment, View, Notification, SurveySend])


def down(migrator, db):
    db.execute_sql('DROP TABLE panel_survey_send')
    db.execute_sql('DROP TABLE panel_notification')
    db.execute_sql('DROP TABLE panel_view')
    db.execute_sql('DROP TABLE panel_comment')
    db.execute_sql('DROP TABLE panel_answer')
    db.execute_sql('DROP TABLE panel_question')
    db.execute_sql('DROP TABLE panel_document')
    db.execute_sql('DROP TABLE panel_proposal_action')
    db.execute_sql('DROP TABLE panel_proposal_topic')
    db.execute_sql('DROP TABLE panel_proposal')
    db.execute_sql('DROP TABLE panel_session')
    db.execute_sql('DROP TABLE panel_sign_in_link')
    db.execute_sql('DROP TABLE panel_population_share')
    db.execute_sql('DROP TABLE panel_demographics')
    db.execute_sql('DROP TABLE panel_membership')
    db.execute_sql('DROP TABLE panel_application')
    db.execute_sql('DROP TABLE panel_member')
    db.execute_sql('DROP TABLE panel_facilitator')
    db.execute_sql('DROP TABLE panel')


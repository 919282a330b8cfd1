"""The one refusal type of the proposal services: a message for a person, and the form field
it belongs to (app.forms.show_error puts it there, or at the top when it names none)."""


class ProposalError(Exception):
    def __init__(self, message, field=None):
        super().__init__(message)
        self.message = message
        self.field = field

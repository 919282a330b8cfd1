"""Email in: messages from IMAP or files become feedback items, updates, or quarantine.

Keep this file empty of imports: the parser's child processes import
`app.inbox.parsing`, which must stay standard-library only.
"""

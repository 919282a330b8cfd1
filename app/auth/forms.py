from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, EqualTo, Length


def _strip(value):
    return value.strip() if isinstance(value, str) else value


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[
        DataRequired("Enter your email address"), Length(max=320, message="Email address is too long")])
    password = PasswordField("Password", validators=[
        DataRequired("Enter your password"), Length(max=1000, message="Password is too long")])


class CodeForm(FlaskForm):
    """The second step: the 6-digit code from the authenticator app."""

    code = StringField("Enter the 6-digit code from your authenticator app", filters=[_strip], validators=[
        DataRequired("Enter the 6-digit code from your authenticator app"),
        Length(max=20, message="The code must be 6 digits")])


class RecoveryCodeForm(FlaskForm):
    code = StringField("Enter one of your recovery codes", filters=[_strip], validators=[
        DataRequired("Enter one of your recovery codes"),
        Length(max=40, message="A recovery code is 16 letters and numbers")])


def _set_up_code():
    return StringField("Enter the 6-digit code your app shows", filters=[_strip], validators=[
        DataRequired("Enter the 6-digit code your app shows"),
        Length(max=20, message="The code must be 6 digits")])


def _your_password():
    return PasswordField("Your password", validators=[
        DataRequired("Enter your password"), Length(max=1000, message="Password is too long")])


class SetUpForm(FlaskForm):
    """Setting up an authenticator app while signing in: its first code proves it holds the key."""

    code = _set_up_code()


class SetUpSignedInForm(FlaskForm):
    """Setting up (or changing) the app from the account page: the code, then the password."""

    code = _set_up_code()
    password = _your_password()


class PasswordConfirmForm(FlaskForm):
    password = _your_password()


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[
        DataRequired("Enter your current password"), Length(max=1000)])
    new_password = PasswordField("New password", validators=[
        DataRequired("Enter a new password"), Length(max=1000, message="Password is too long")])
    confirm_password = PasswordField("Confirm new password", validators=[
        DataRequired("Confirm your new password"),
        EqualTo("new_password", message="The passwords do not match")])

from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField
from wtforms.validators import DataRequired, EqualTo, Length


class LoginForm(FlaskForm):
    email = EmailField("Email address", validators=[
        DataRequired("Enter your email address"), Length(max=320, message="Email address is too long")])
    password = PasswordField("Password", validators=[
        DataRequired("Enter your password"), Length(max=1000, message="Password is too long")])


class ChangePasswordForm(FlaskForm):
    current_password = PasswordField("Current password", validators=[
        DataRequired("Enter your current password"), Length(max=1000)])
    new_password = PasswordField("New password", validators=[
        DataRequired("Enter a new password"), Length(max=1000, message="Password is too long")])
    confirm_password = PasswordField("Confirm new password", validators=[
        DataRequired("Confirm your new password"),
        EqualTo("new_password", message="The passwords do not match")])

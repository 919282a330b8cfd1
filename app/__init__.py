"""Heard: feedback, surveys and complaints learning for councils."""


def create_app(config=None):
    """The application factory. `config` is a Settings, or a dict of overrides
    applied on top of the environment."""
    from flask import Flask

    from app.access_matrix import enforce
    from app.config import Settings
    from app.web import install

    if isinstance(config, Settings):
        settings = config.resolved()
    else:
        settings = Settings.from_env(**(config or {}))
    app = Flask(__name__, instance_path=settings.instance_path, static_folder="static")
    install(app, settings)
    enforce(app)
    return app

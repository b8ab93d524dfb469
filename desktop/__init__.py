"""Council Timeline: how a public body is inspected and led, on one sourced timeline."""

__version__ = "0.1.0"
APP_NAME = "Council Timeline"
ORG_NAME = "Council Timeline"

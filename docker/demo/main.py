"""The image's default app (/app/main.py): replace it by copying your own app into /app."""

import platform

from flask import Flask

app = Flask(__name__)


@app.route("/")
def hello():
    return "Hello from Flask on Python %s\n" % platform.python_version()

"""The worker catalogue: the "workers" of docker/versions.json, which the Dockerfile copies into the
image at VERSIONS_JSON.

It is the image's only source of worker facts (which workers exist, the Gunicorn worker class and the
module each needs, whose HTTP parser each runs), so the action, the image and the tests cannot
disagree about them. Keep it importable on every supported Python (3.8+).
"""

import json

# A copy of docker/versions.json, put there by the Dockerfile. Tests pass their own path instead.
VERSIONS_JSON = "/usr/local/share/flask-gunicorn-action/versions.json"


def load(path=VERSIONS_JSON):
    """Worker name -> {"gunicornClass", "module" (None: Gunicorn's own), "httpParser", "about"}, in the
    file's order, which is the order error messages list them in."""
    try:
        with open(path) as f:
            return json.load(f)["workers"]
    except FileNotFoundError:
        # Only outside the image (autotune copied elsewhere): say where the file comes from.
        raise FileNotFoundError("no worker catalogue at %s: the image's Dockerfile copies docker/versions.json "
                                "there; elsewhere, give autotune.resolve() workers=worker_catalogue.load(PATH), "
                                "PATH being a copy of docker/versions.json" % path) from None

// The apps the multi-platform suites build: one that says which machine served it, and the same
// app failing to import on arm64 (its build passes there, its smoke test does not).
/** Answers with the machine it runs on, so each probe shows which platform's Python served it. */
export const MACHINE_APP = `import platform
from flask import Flask

app = Flask(__name__)


@app.get("/")
def index():
    return platform.machine()
`;
/** The same app, failing to import on arm64 (so Gunicorn stops there). */
export const ARM64_BROKEN_APP = `import platform
from flask import Flask

if platform.machine() == "aarch64":
    raise RuntimeError("this app does not support arm64")

app = Flask(__name__)


@app.get("/")
def index():
    return platform.machine()
`;

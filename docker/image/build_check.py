"""Build-time policy check, run by the Dockerfile before anything is installed.

    python build_check.py VERSIONS_JSON PYTHON_VERSION WORKER

Fails the build (exit 1, one explaining line) when the base image's Python is not PYTHON_VERSION, when
docker/versions.json does not list that version, or when WORKER is not one of that version's workers.
The lists come from versions.json, the single source of truth.
"""

import json
import sys


def check(versions, python_version, worker, interpreter):
    """The error line, or None when the combination is allowed."""
    if interpreter != python_version:
        return ("PYTHON_VERSION=%s but the base image runs Python %s: pass the PYTHON_VERSION of the base "
                "image (or a base image for Python %s)" % (python_version, interpreter, python_version))
    entry = versions["versions"].get(python_version)
    if entry is None:
        return "PYTHON_VERSION=%s is not supported: expected one of %s" % (
            python_version, ", ".join(versions["versions"]))
    if worker not in entry["workers"]:
        return "WORKER=%s is not available on Python %s: expected one of %s." % (
            worker, python_version, ", ".join(entry["workers"]))
    return None


def main(argv):
    if len(argv) != 4:
        print(__doc__.strip().splitlines()[2].strip(), file=sys.stderr)
        return 64
    with open(argv[1]) as f:
        versions = json.load(f)
    interpreter = "%d.%d" % sys.version_info[:2]
    error = check(versions, argv[2], argv[3], interpreter)
    if error:
        print("ERROR: " + error, file=sys.stderr)
        return 1
    print("build check: Python %s, worker %s" % (interpreter, argv[3]))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

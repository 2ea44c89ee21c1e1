"""The checks that guard the image's start-up, and the launch of Gunicorn as RUN_AS_USER.

    python -m startup_guards check                 (start.sh, after prestart: exit 2, one line per problem)
    python -m startup_guards run-as COMMAND...     (start.sh, with RUN_AS_USER: COMMAND gets --user/--group)
    python -m startup_guards import-worker         (the image build: the worker class loads, or the build fails)

`check` reports every bad value at once: the tuning's (autotune.resolve), a MODULE_NAME or APP_MODULE that
cannot be found, a missing GUNICORN_CONF, an unusable RUN_AS_USER, a port this process may not bind, and
Gunicorn's own HTTP parser from before 23.0. The worker facts come from versions.json (worker_catalogue).
Keep it importable on every supported Python (3.8+).
"""

import grp
import importlib.machinery
import os
import pwd
import re
import sys

import autotune
import worker_catalogue
from autotune import ConfigError, bad_value, read_file, value_of

APP_DIR = "/app"


def _locate_module(module, path):
    """Whether a dotted module can be found under the folders in `path`, looked up file by file as the
    path finder would, without running any of it: importlib.util.find_spec("app.main") imports the
    package app, so app/__init__.py would run here, in the master, as root, before RUN_AS_USER applies."""
    suffixes = importlib.machinery.all_suffixes()  # .py, .pyc and the extension-module suffixes
    folders = list(path)
    for part in module.split("."):
        found, portions = False, []
        for folder in folders:
            base = os.path.join(folder or os.curdir, part)
            if any(os.path.isfile(os.path.join(base, "__init__" + s)) for s in suffixes):
                found, portions = True, [base]  # a regular package: its folder alone holds its submodules
                break
            if any(os.path.isfile(base + s) for s in suffixes):
                found, portions = True, []  # a plain module: it has no submodules
                break
            if os.path.isdir(base):
                found = True
                portions.append(base)  # a portion of a namespace package
        if not found:
            return False
        folders = portions
    return True


def check_app_module(env, app_dir=APP_DIR):
    """Error lines when APP_MODULE's module cannot be found. The module is located, not imported, so
    the app's import-time side effects run only in the Gunicorn workers."""
    app_module = value_of(env, "APP_MODULE")
    if app_module is None:
        return []
    module, sep, variable = app_module.partition(":")
    # Blame the variable the user actually set: MODULE_NAME when APP_MODULE is just derived from it.
    derived = "%s:%s" % (env.get("MODULE_NAME", ""), env.get("VARIABLE_NAME", ""))
    name, value = ("MODULE_NAME", env.get("MODULE_NAME")) if app_module == derived else ("APP_MODULE", app_module)
    accepted = "a dotted module path under %s such as main or app.main" % app_dir
    if name == "APP_MODULE":
        accepted = "MODULE:VARIABLE with " + accepted + " (e.g. app.main:app)"
    if not module or not all(part.isidentifier() for part in module.split(".")):
        return [bad_value(name, value, accepted)]
    if app_dir not in sys.path:
        sys.path.insert(0, app_dir)
    if not _locate_module(module, sys.path):
        return [bad_value(name, value, accepted, "no module %r can be imported" % module)]
    return []


def check_config_file(env):
    conf = value_of(env, "GUNICORN_CONF")
    if conf is not None and not os.path.isfile(conf):
        return [bad_value("GUNICORN_CONF", env["GUNICORN_CONF"],
                     "the path of a Gunicorn config file (e.g. /app/gunicorn_conf.py)", "no such file")]
    return []


# Gunicorn's own HTTP parser had request-smuggling flaws until 23.0 (CVE-2024-1135, CVE-2024-6827). The
# image installs 23+; an app requirement could still pull an older one in. Which workers use that parser
# is the catalogue's httpParser (Meinheld parses HTTP itself).
GUNICORN_PARSER_FIXED = (23, 0)


def installed_gunicorn():
    """(major, minor) of the installed Gunicorn, or None when it is not installed."""
    try:
        from importlib.metadata import PackageNotFoundError, version
    except ImportError:
        return None
    try:
        return tuple(int(part) for part in version("gunicorn").split(".")[:2])
    except (PackageNotFoundError, ValueError):
        return None


def check_gunicorn_version(env, gunicorn_version, workers):
    """Error lines when WORKER_CLASS would parse HTTP with Gunicorn's own parser from before 23.0 (an app
    requirement can downgrade Gunicorn). `workers` is the worker catalogue."""
    name = (value_of(env, "WORKER_CLASS") or autotune.DEFAULTS["WORKER_CLASS"]).lower()
    if gunicorn_version is None or name not in workers or workers[name]["httpParser"] != "gunicorn":
        return []
    if gunicorn_version >= GUNICORN_PARSER_FIXED:
        return []
    own_parsers = ", ".join(other for other, entry in workers.items() if entry["httpParser"] != "gunicorn")
    return [bad_value("WORKER_CLASS", env.get("WORKER_CLASS"), own_parsers + ", or Gunicorn 23 or newer",
                      "this image has Gunicorn %d.%d (did an app requirement pin it?), and Gunicorn's own HTTP "
                      "parser has request-smuggling flaws before 23.0" % gunicorn_version)]


def run_as_ids(env, euid=None):
    """(uid, gid) the workers switch to for RUN_AS_USER=USER[:GROUP], or None when it is unset.

    The user needs an /etc/passwd entry: Gunicorn then gives the workers that user's groups
    (--initgroups) instead of leaving them in root's. Raises ConfigError with one line."""
    raw = value_of(env, "RUN_AS_USER")
    if raw is None:
        return None
    euid = os.geteuid() if euid is None else euid
    accepted = "a user of the image, optionally with a group (e.g. app or app:app)"
    user, _, group = raw.partition(":")
    try:
        entry = pwd.getpwuid(int(user)) if user.isdigit() else pwd.getpwnam(user)
    except (KeyError, OverflowError):
        raise ConfigError([bad_value("RUN_AS_USER", env["RUN_AS_USER"], accepted, "no user %r in /etc/passwd" % user)])
    gid = entry.pw_gid
    if group:
        try:
            gid = int(group) if group.isdigit() else grp.getgrnam(group).gr_gid
        except KeyError:
            raise ConfigError([bad_value("RUN_AS_USER", env["RUN_AS_USER"], accepted, "no group %r in /etc/group" % group)])
    if entry.pw_uid == 0 or gid == 0:
        raise ConfigError([bad_value("RUN_AS_USER", env["RUN_AS_USER"], accepted + ", not root",
                                "that is root" if entry.pw_uid == 0 else "that is root's group")])
    if euid not in (0, entry.pw_uid):
        raise ConfigError([bad_value("RUN_AS_USER", env["RUN_AS_USER"], "RUN_AS_USER unset: the whole container already "
                                "runs unprivileged", "switching users needs the container to start as root, and it "
                                "runs as uid %d (docker run --user)" % euid)])
    return entry.pw_uid, gid


CAP_NET_BIND_SERVICE = 10


def _unprivileged_port_start():
    """Lowest port anyone may bind in this network namespace (Docker sets 0 on its own networks)."""
    try:
        return int(read_file("/proc/sys/net/ipv4/ip_unprivileged_port_start"))
    except (TypeError, ValueError):
        return 1024


def _can_bind_any_port():
    """Whether this process has CAP_NET_BIND_SERVICE (root normally has it, `docker run --user` not)."""
    for line in (read_file("/proc/self/status") or "").splitlines():
        if line.startswith("CapEff:"):
            return bool(int(line.split()[1], 16) >> CAP_NET_BIND_SERVICE & 1)
    return os.geteuid() == 0


BUNDLED_CONF = "/gunicorn_conf.py"


def binds_as_resolved(env):
    """Whether Gunicorn will bind what resolve() says: with the bundled config and no --bind in
    GUNICORN_CMD_ARGS. An app's own config may bind anything, so its port is not checked."""
    conf = value_of(env, "GUNICORN_CONF") or BUNDLED_CONF
    args = (value_of(env, "GUNICORN_CMD_ARGS") or "").split()
    return conf == BUNDLED_CONF and not any(a == "--bind" or a.startswith(("--bind=", "-b")) for a in args)


def check_bind_privilege(env, bind, privileged=None, unprivileged_start=None, euid=None):
    """Error lines when this process may not bind the port of `bind`. Gunicorn would retry for five
    seconds and then only say 'Permission denied'."""
    if bind.startswith(("unix:", "fd://")):
        return []
    port = int(bind.rpartition(":")[2])
    start = _unprivileged_port_start() if unprivileged_start is None else unprivileged_start
    privileged = _can_bind_any_port() if privileged is None else privileged
    if port >= start or privileged:
        return []
    name = "BIND" if value_of(env, "BIND") else "PORT"
    what = "%s=%r" % (name, env[name]) if value_of(env, name) else "PORT (unset, so %d)" % port
    euid = os.geteuid() if euid is None else euid
    return ["Invalid %s: this container runs as uid %d without CAP_NET_BIND_SERVICE, and here only root may "
            "bind ports below %d (net.ipv4.ip_unprivileged_port_start); expected a port of %d or more "
            "(e.g. PORT=8080), or start as root with RUN_AS_USER=app so that only the workers run unprivileged."
            % (what, euid, start, start)]


def run_as(command):
    """Replaces this process with `command` (Gunicorn), told to run its workers as RUN_AS_USER.

    Gunicorn switches the workers' user and group but leaves them root's supplementary groups (or,
    with --initgroups, root's primary group), so the master, still root, drops its own supplementary
    groups first: the workers then belong to the one group given, nothing else."""
    if not command:
        print("usage: python -m startup_guards run-as COMMAND [ARGS...]", file=sys.stderr)
        return 64
    try:
        ids = run_as_ids(os.environ)
    except ConfigError as e:
        for line in e.messages:
            print("ERROR: " + line, file=sys.stderr)
        return 2
    if ids is not None:
        if os.geteuid() == 0:
            os.setgroups([])
        command = [command[0], "--user", str(ids[0]), "--group", str(ids[1])] + command[1:]
        # The master stays root: it starts with the app's folders off its path, which app_loader
        # gives back to each worker (the name is app_loader.APP_PATH_ENV, not imported: it needs Gunicorn).
        os.environ["FLASK_GUNICORN_ACTION_APP_PATH"] = os.environ.pop("PYTHONPATH", "")
    os.execvp(command[0], command)


def import_worker(env, workers):
    """Load WORKER_CLASS's Gunicorn worker class the way Gunicorn does (the image build runs this), so a
    worker whose packages are missing or broken fails the build with Gunicorn's own error."""
    errors = []
    _, worker_class = autotune.choose_worker(env, errors, autotune.module_installed, workers)
    if errors:
        for line in errors:
            print("ERROR: " + line, file=sys.stderr)
        return 2
    from gunicorn.util import load_class

    try:
        loaded = load_class(worker_class)
    except Exception as error:  # Gunicorn wraps import errors in RuntimeError, with the traceback as text
        # The cause is the traceback's last "SomeError: message" line.
        causes = re.findall(r"^\s*(\w+(?:Error|Exception): .*?)\]?\s*$", str(error), re.M)
        print("ERROR: WORKER_CLASS=%s: Gunicorn cannot load %s: %s" % (env.get("WORKER_CLASS"), worker_class,
              causes[-1] if causes else str(error).strip()), file=sys.stderr)
        print(str(error), file=sys.stderr)
        return 1
    print("worker check: %s loads %s.%s" % (env.get("WORKER_CLASS"), loaded.__module__, loaded.__name__))
    return 0


def check(env, cgroup_root, affinity, app_dir, workers):
    """Every error line for this environment: the tuning's, then the start-up checks'."""
    try:
        settings = autotune.resolve(env, cgroup_root, affinity, workers=workers)
        errors = []
    except ConfigError as e:
        settings, errors = None, e.messages
    try:
        run_as_ids(env)
    except ConfigError as e:
        errors += e.messages
    errors += check_config_file(env) + check_app_module(env, app_dir)
    errors += check_gunicorn_version(env, installed_gunicorn(), workers)
    if settings is not None and binds_as_resolved(env):
        errors += check_bind_privilege(env, settings["bind"])
    return errors


USAGE = ("usage: python -m startup_guards check [--cgroup-root DIR] [--affinity N] [--app-dir DIR] "
         "[--versions-json FILE] | run-as COMMAND... | import-worker [--versions-json FILE]")


def main(argv=None):
    """See the module's docstring. Options for tests: --cgroup-root DIR, --affinity N, --app-dir DIR,
    --versions-json FILE."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else None
    if command == "run-as":
        return run_as(args)
    if command not in ("check", "import-worker"):
        print(USAGE, file=sys.stderr)
        return 64
    opts = {"--cgroup-root": autotune.CGROUP_ROOT, "--affinity": None, "--app-dir": APP_DIR,
            "--versions-json": worker_catalogue.VERSIONS_JSON}
    while args:
        key = args.pop(0)
        if key not in opts or not args:
            print(USAGE, file=sys.stderr)
            return 64
        opts[key] = args.pop(0)
    workers = worker_catalogue.load(opts["--versions-json"])
    if command == "import-worker":
        return import_worker(os.environ, workers)
    affinity = None if opts["--affinity"] is None else int(opts["--affinity"])
    errors = check(os.environ, opts["--cgroup-root"], affinity, opts["--app-dir"], workers)
    for line in errors:
        print("ERROR: " + line, file=sys.stderr)
    return 2 if errors else 0


if __name__ == "__main__":
    sys.exit(main())

"""Container-aware Gunicorn settings, resolved from the environment.

One module, used three ways, so the numbers can never disagree:
  * the bundled /gunicorn_conf.py calls resolve() and hands the result to Gunicorn;
  * /start.sh runs `python -m autotune check` before the server, so a bad value stops the container
    with one clear line even when the app brings its own gunicorn_conf.py;
  * a user's own gunicorn_conf.py may `import autotune` and reuse resolve().

Everything here is a pure function of (environment, cgroup root, CPU affinity), so the tests can feed
fake cgroup trees. Keep it importable on every supported Python (3.8+): no match statements, no
`X | Y` annotations.
"""

import grp
import importlib.machinery
import importlib.util
import json
import math
import os
import re
import pwd
import sys

# Defaults in one obvious place: the benchmark engineer tunes these, the README table documents them.
DEFAULTS = {
    "WORKERS_PER_CORE": 2.0,  # workers per detected core (float)
    # Threads per gthread worker; other worker classes use 1. 16, not 4: gthread keeps each keep-alive
    # connection on the worker that accepted it and workers share them unevenly, so with 4 threads a
    # busy worker queues requests that wait on I/O while others idle. Measured (bench/results/
    # candidates.md): 16 threads doubled a 10 ms I/O app's req/s and lowered its p99, for up to 20%
    # more CPU per request on plaintext.
    "THREADS": 16,
    "HOST": "0.0.0.0",
    "PORT": 80,
    "LOG_LEVEL": "info",
    "TIMEOUT": 120,  # seconds a worker may be silent before the arbiter restarts it
    "GRACEFUL_TIMEOUT": 120,  # seconds in-flight requests get to finish on SIGTERM / docker stop
    "KEEP_ALIVE": 5,  # seconds an idle keep-alive connection is held
    # Off unless asked for (ACCESS_LOG=-), as in the image this one replaces: the access log costs a
    # third of the CPU per request on small responses (bench/results/candidates.md).
    "ACCESS_LOG": None,
    "ERROR_LOG": "-",  # stderr
    "WORKER_CLASS": "meinheld",  # the image sets its own default with ENV WORKER_CLASS (build arg WORKER)
}

CGROUP_ROOT = "/sys/fs/cgroup"
APP_DIR = "/app"

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")

# Short worker names -> (Gunicorn worker_class, module that must be importable, or None if built in).
WORKERS = {
    "sync": ("sync", None),
    "gthread": ("gthread", None),
    "gevent": ("gevent", "gevent"),
    # The image's own class (meinheld_worker.py): Meinheld 1.0.2's breaks on today's Gunicorn.
    "meinheld": ("meinheld_worker.MeinheldWorker", "meinheld"),
}


class ConfigError(Exception):
    """One or more environment values are unusable; each message is one self-contained line."""

    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = list(messages)


def _bad(name, value, accepted, reason=None):
    """The one line for a bad value: the variable, the value received, why (if not obvious), what works."""
    why = reason + "; " if reason else ""
    return "Invalid %s=%r: %sexpected %s." % (name, value, why, accepted)


# --- CPU detection --------------------------------------------------------------------------------


def _read(path):
    """File content stripped, or None when the file is missing, unreadable or empty."""
    try:
        with open(path) as f:
            text = f.read().strip()
    except OSError:
        return None
    return text or None


def cgroup_cpu_limit(root=CGROUP_ROOT):
    """CPU limit from the cgroup quota under `root`, as (cores or None, source).

    cgroup v2: `cpu.max` holds "QUOTA PERIOD" or "max PERIOD".
    cgroup v1: `cpu/cpu.cfs_quota_us` (-1 = no limit) and `cpu/cpu.cfs_period_us`.
    A fractional quota is rounded up (1.5 CPUs -> 2): the process may use part of that second core.
    Missing or empty files, `max` and -1 all mean no limit (None).
    """
    v2 = os.path.join(root, "cpu.max")
    if os.path.exists(v2):
        fields = (_read(v2) or "").split()
        if len(fields) == 2 and fields[0] != "max":
            return _quota_cores(fields[0], fields[1]), "cgroup v2"
        return None, "cgroup v2"
    for controller in ("cpu", "cpu,cpuacct", "cpuacct,cpu"):
        quota = os.path.join(root, controller, "cpu.cfs_quota_us")
        if os.path.exists(quota):
            period = os.path.join(root, controller, "cpu.cfs_period_us")
            return _quota_cores(_read(quota), _read(period)), "cgroup v1"
    return None, "no cgroup"


def _quota_cores(quota, period):
    try:
        q, p = int(quota), int(period)
    except (TypeError, ValueError):
        return None
    if q <= 0 or p <= 0:
        return None
    return max(1, math.ceil(q / p))


def affinity_cpus():
    """CPUs this process may run on (honours `docker run --cpuset-cpus` and taskset)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def detect_cores(cpu_limit=None, cgroup_root=CGROUP_ROOT, affinity=None):
    """The smallest of CPU affinity, cgroup quota and CPU_LIMIT, and where it came from.

    Returns a dict: cores, source ("affinity" | "cgroup v1" | "cgroup v2" | "CPU_LIMIT"), and the
    candidates for the log line. On a tie the earlier source in that order is named.
    """
    if affinity is None:
        affinity = affinity_cpus()
    quota, cgroup = cgroup_cpu_limit(cgroup_root)
    candidates = [(affinity, "affinity")]
    if quota is not None:
        candidates.append((quota, cgroup))
    if cpu_limit is not None:
        candidates.append((cpu_limit, "CPU_LIMIT"))
    cores, source = candidates[0]
    for value, name in candidates[1:]:
        if value < cores:
            cores, source = value, name
    return {"cores": cores, "source": source, "affinity": affinity, "cgroup": cgroup,
            "quota": quota, "cpu_limit": cpu_limit}


def compute_workers(cores, workers_per_core, max_workers=None, web_concurrency=None):
    """(workers, why): WEB_CONCURRENCY wins; else cores x WORKERS_PER_CORE rounded down, at least 1,
    capped by MAX_WORKERS."""
    if web_concurrency is not None:
        return web_concurrency, "WEB_CONCURRENCY"
    workers = max(1, int(cores * workers_per_core))
    why = "%d cores x WORKERS_PER_CORE %g" % (cores, workers_per_core)
    if max_workers is not None and workers > max_workers:
        return max_workers, why + ", capped by MAX_WORKERS"
    return workers, why


def compute_threads(worker, threads=None):
    """(threads, why): threads only mean something to gthread; every other class runs 1."""
    if worker != "gthread":
        return 1, "%s worker" % worker
    if threads is not None:
        return threads, "THREADS"
    return DEFAULTS["THREADS"], "default"


# --- parsing the environment ---------------------------------------------------------------------


def _get(env, name):
    """The variable's value stripped, or None when unset or empty."""
    value = env.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _int(env, name, errors, minimum, accepted):
    raw = _get(env, name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        errors.append(_bad(name, env[name], accepted))
        return None
    return value


def _positive_float(env, name, errors, accepted):
    raw = _get(env, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value <= 0:
        errors.append(_bad(name, env[name], accepted))
        return None
    return value


def _port(value):
    try:
        port = int(value)
    except ValueError:
        return None
    return port if 1 <= port <= 65535 else None


def _bind(env, errors):
    """BIND wins over HOST and PORT (which are then not read)."""
    bind = _get(env, "BIND")
    if bind is not None:
        if bind.startswith(("unix:", "fd://")):
            return bind
        host, sep, port = bind.rpartition(":")
        if sep and host and _port(port) is not None:
            return bind
        errors.append(_bad("BIND", env["BIND"], "HOST:PORT with a port from 1 to 65535 "
                                                 "(e.g. 0.0.0.0:8080 or [::]:8080), or unix:/path/to.sock"))
        return None
    host = _get(env, "HOST") or DEFAULTS["HOST"]
    port = _get(env, "PORT")
    if port is None:
        port = DEFAULTS["PORT"]
    elif _port(port) is None:
        errors.append(_bad("PORT", env["PORT"], "a whole number from 1 to 65535 (e.g. 80 or 8080)"))
        return None
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host  # IPv6 literal
    return "%s:%s" % (host, int(port))


def _worker(env, errors, is_installed):
    raw = _get(env, "WORKER_CLASS") or DEFAULTS["WORKER_CLASS"]
    name = raw.lower()
    if name not in WORKERS:
        if "." in raw or raw.startswith("egg:"):
            return raw, raw  # a custom worker class path: Gunicorn loads and checks it
        errors.append(_bad("WORKER_CLASS", env.get("WORKER_CLASS"),
                           "one of %s, or a dotted path to a Gunicorn worker class" % ", ".join(WORKERS)))
        return None, None
    worker_class, module = WORKERS[name]
    if module is not None and not is_installed(module):
        errors.append(_bad("WORKER_CLASS", env.get("WORKER_CLASS"), "gthread or sync",
                           "%s is not installed in this image (build it with --build-arg WORKER=%s)" % (module, name)))
        return None, None
    return name, worker_class


def _module_installed(module):
    return importlib.util.find_spec(module) is not None


def _log_target(env, name):
    """Unset -> the default stream ("-"); set but empty -> disabled (None); else a path."""
    if name not in env:
        return DEFAULTS[name]
    value = env[name].strip()
    return value or None


def resolve(env=None, cgroup_root=CGROUP_ROOT, affinity=None, python_version=None, is_installed=None):
    """Every setting the image derives from the environment, or ConfigError listing each bad value."""
    env = os.environ if env is None else env
    python_version = sys.version_info if python_version is None else python_version
    is_installed = _module_installed if is_installed is None else is_installed
    errors = []

    workers_per_core = _positive_float(env, "WORKERS_PER_CORE", errors, "a number greater than 0 (e.g. 2 or 0.5)")
    web_concurrency = _int(env, "WEB_CONCURRENCY", errors, 1, "a whole number of at least 1 (e.g. 4), or unset to auto-tune")
    max_workers = _int(env, "MAX_WORKERS", errors, 1, "a whole number of at least 1 (e.g. 8), or unset for no cap")
    cpu_limit = _positive_float(env, "CPU_LIMIT", errors, "a number of CPUs greater than 0 (e.g. 2 or 1.5), or unset")
    threads = _int(env, "THREADS", errors, 1, "a whole number of at least 1 (e.g. 4)")
    timeout = _int(env, "TIMEOUT", errors, 0, "a whole number of seconds, 0 or more (e.g. 120; 0 disables)")
    graceful = _int(env, "GRACEFUL_TIMEOUT", errors, 0, "a whole number of seconds, 0 or more (e.g. 120)")
    keepalive = _int(env, "KEEP_ALIVE", errors, 0, "a whole number of seconds, 0 or more (e.g. 5)")
    bind = _bind(env, errors)
    log_level = (_get(env, "LOG_LEVEL") or DEFAULTS["LOG_LEVEL"]).lower()
    if log_level not in LOG_LEVELS:
        errors.append(_bad("LOG_LEVEL", env.get("LOG_LEVEL"), "one of " + ", ".join(LOG_LEVELS)))
    worker, worker_class = _worker(env, errors, is_installed)
    if errors:
        raise ConfigError(errors)

    # CPU_LIMIT counts like a quota: 1.5 CPUs may use two cores.
    cores = detect_cores(None if cpu_limit is None else max(1, math.ceil(cpu_limit)), cgroup_root, affinity)
    if workers_per_core is None:
        workers_per_core = DEFAULTS["WORKERS_PER_CORE"]
    workers, workers_why = compute_workers(cores["cores"], workers_per_core, max_workers, web_concurrency)
    thread_count, threads_why = compute_threads(worker, threads)
    return {
        "cores": cores["cores"],
        "cores_source": cores["source"],
        "affinity": cores["affinity"],
        "cgroup": cores["cgroup"],
        "cgroup_quota": cores["quota"],
        "cpu_limit": cores["cpu_limit"],
        "workers_per_core": workers_per_core,
        "workers": workers,
        "workers_why": workers_why,
        "threads": thread_count,
        "threads_why": threads_why,
        "worker": worker,
        "worker_class": worker_class,
        "bind": bind,
        "loglevel": log_level,
        "timeout": DEFAULTS["TIMEOUT"] if timeout is None else timeout,
        "graceful_timeout": DEFAULTS["GRACEFUL_TIMEOUT"] if graceful is None else graceful,
        "keepalive": DEFAULTS["KEEP_ALIVE"] if keepalive is None else keepalive,
        "accesslog": _log_target(env, "ACCESS_LOG"),
        "errorlog": _log_target(env, "ERROR_LOG"),
        "python": "%d.%d" % tuple(python_version[:2]),
    }


def summary(settings, env=None):
    """The one start-up line: cores and where they came from, workers, threads, worker class, bind."""
    env = os.environ if env is None else env
    s = settings
    limits = ["affinity %d" % s["affinity"],
              "%s %s" % (s["cgroup"], "no limit" if s["cgroup_quota"] is None else s["cgroup_quota"])]
    if s["cpu_limit"] is not None:
        limits.append("CPU_LIMIT %d" % s["cpu_limit"])
    line = ("autotune: cores=%d source=%s (%s) workers=%d (%s) threads=%d (%s) worker_class=%s bind=%s"
            % (s["cores"], s["cores_source"].replace(" ", "-"), ", ".join(limits), s["workers"], s["workers_why"],
               s["threads"], s["threads_why"], s["worker"], s["bind"]))
    if _get(env, "GUNICORN_CMD_ARGS"):
        line += " (GUNICORN_CMD_ARGS=%r overrides these)" % env["GUNICORN_CMD_ARGS"]
    return line


# --- start-up check -------------------------------------------------------------------------------


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
    app_module = _get(env, "APP_MODULE")
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
        return [_bad(name, value, accepted)]
    if app_dir not in sys.path:
        sys.path.insert(0, app_dir)
    if not _locate_module(module, sys.path):
        return [_bad(name, value, accepted, "no module %r can be imported" % module)]
    return []


def check_config_file(env):
    conf = _get(env, "GUNICORN_CONF")
    if conf is not None and not os.path.isfile(conf):
        return [_bad("GUNICORN_CONF", env["GUNICORN_CONF"],
                     "the path of a Gunicorn config file (e.g. /app/gunicorn_conf.py)", "no such file")]
    return []


# Gunicorn's own HTTP parser had request-smuggling flaws until 23.0 (CVE-2024-1135, CVE-2024-6827). The
# image installs 23+; an app requirement could still pull an older one in. Meinheld parses HTTP itself.
GUNICORN_PARSER_FIXED = (23, 0)
GUNICORN_PARSER_WORKERS = ("sync", "gthread", "gevent")


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


def check_gunicorn_version(env, gunicorn_version):
    """Error lines when WORKER_CLASS would parse HTTP with Gunicorn's own parser from before 23.0 (an app
    requirement can downgrade Gunicorn)."""
    raw = _get(env, "WORKER_CLASS") or DEFAULTS["WORKER_CLASS"]
    name = raw.lower()
    if gunicorn_version is None:
        return []
    shown = "%d.%d" % gunicorn_version
    if name in GUNICORN_PARSER_WORKERS and gunicorn_version < GUNICORN_PARSER_FIXED:
        return [_bad("WORKER_CLASS", env.get("WORKER_CLASS"), "meinheld, or Gunicorn 23 or newer",
                     "this image has Gunicorn %s (did an app requirement pin it?), and Gunicorn's own HTTP parser "
                     "has request-smuggling flaws before 23.0" % shown)]
    return []


def run_as_ids(env, euid=None):
    """(uid, gid) the workers switch to for RUN_AS_USER=USER[:GROUP], or None when it is unset.

    The user needs an /etc/passwd entry: Gunicorn then gives the workers that user's groups
    (--initgroups) instead of leaving them in root's. Raises ConfigError with one line."""
    raw = _get(env, "RUN_AS_USER")
    if raw is None:
        return None
    euid = os.geteuid() if euid is None else euid
    accepted = "a user of the image, optionally with a group (e.g. app or app:app)"
    user, _, group = raw.partition(":")
    try:
        entry = pwd.getpwuid(int(user)) if user.isdigit() else pwd.getpwnam(user)
    except (KeyError, OverflowError):
        raise ConfigError([_bad("RUN_AS_USER", env["RUN_AS_USER"], accepted, "no user %r in /etc/passwd" % user)])
    gid = entry.pw_gid
    if group:
        try:
            gid = int(group) if group.isdigit() else grp.getgrnam(group).gr_gid
        except KeyError:
            raise ConfigError([_bad("RUN_AS_USER", env["RUN_AS_USER"], accepted, "no group %r in /etc/group" % group)])
    if entry.pw_uid == 0 or gid == 0:
        raise ConfigError([_bad("RUN_AS_USER", env["RUN_AS_USER"], accepted + ", not root",
                                "that is root" if entry.pw_uid == 0 else "that is root's group")])
    if euid not in (0, entry.pw_uid):
        raise ConfigError([_bad("RUN_AS_USER", env["RUN_AS_USER"], "RUN_AS_USER unset: the whole container already "
                                "runs unprivileged", "switching users needs the container to start as root, and it "
                                "runs as uid %d (docker run --user)" % euid)])
    return entry.pw_uid, gid


CAP_NET_BIND_SERVICE = 10


def _unprivileged_port_start():
    """Lowest port anyone may bind in this network namespace (Docker sets 0 on its own networks)."""
    try:
        return int(_read("/proc/sys/net/ipv4/ip_unprivileged_port_start"))
    except (TypeError, ValueError):
        return 1024


def _can_bind_any_port():
    """Whether this process has CAP_NET_BIND_SERVICE (root normally has it, `docker run --user` not)."""
    for line in (_read("/proc/self/status") or "").splitlines():
        if line.startswith("CapEff:"):
            return bool(int(line.split()[1], 16) >> CAP_NET_BIND_SERVICE & 1)
    return os.geteuid() == 0


BUNDLED_CONF = "/gunicorn_conf.py"


def binds_as_resolved(env):
    """Whether Gunicorn will bind what resolve() says: with the bundled config and no --bind in
    GUNICORN_CMD_ARGS. An app's own config may bind anything, so its port is not checked."""
    conf = _get(env, "GUNICORN_CONF") or BUNDLED_CONF
    args = (_get(env, "GUNICORN_CMD_ARGS") or "").split()
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
    name = "BIND" if _get(env, "BIND") else "PORT"
    what = "%s=%r" % (name, env[name]) if _get(env, name) else "PORT (unset, so %d)" % port
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
        print("usage: python -m autotune run-as COMMAND [ARGS...]", file=sys.stderr)
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
    os.execvp(command[0], command)


def import_worker(env):
    """Load WORKER_CLASS's Gunicorn worker class the way Gunicorn does (the image build runs this), so a
    worker whose packages are missing or broken fails the build with Gunicorn's own error."""
    errors = []
    _, worker_class = _worker(env, errors, _module_installed)
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


def main(argv=None):
    """`python -m autotune check` validates the environment (exit 2 with one line per bad value);
    `python -m autotune show` prints the resolved settings as JSON; `python -m autotune run-as COMMAND...`
    runs COMMAND (Gunicorn) with --user and --group for RUN_AS_USER; `python -m autotune import-worker`
    loads the worker class (the image build runs it). Options for tests:
    --cgroup-root DIR, --affinity N, --app-dir DIR."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args else "show"
    if command == "run-as":
        return run_as(args)
    if command == "import-worker":
        return import_worker(os.environ)
    opts = {"--cgroup-root": CGROUP_ROOT, "--affinity": None, "--app-dir": APP_DIR}
    while args:
        key = args.pop(0)
        if key not in opts or not args:
            print("usage: python -m autotune check|show|run-as [--cgroup-root DIR] [--affinity N] [--app-dir DIR]",
                  file=sys.stderr)
            return 64
        opts[key] = args.pop(0)
    affinity = None if opts["--affinity"] is None else int(opts["--affinity"])
    try:
        settings = resolve(os.environ, opts["--cgroup-root"], affinity)
        errors = []
    except ConfigError as e:
        settings, errors = None, e.messages
    if command == "check":
        try:
            run_as_ids(os.environ)
        except ConfigError as e:
            errors += e.messages
        errors += check_config_file(os.environ) + check_app_module(os.environ, opts["--app-dir"])
        errors += check_gunicorn_version(os.environ, installed_gunicorn())
        if settings is not None and binds_as_resolved(os.environ):
            errors += check_bind_privilege(os.environ, settings["bind"])
    if errors:
        for line in errors:
            print("ERROR: " + line, file=sys.stderr)
        return 2
    if command == "show":
        print(json.dumps(settings, indent=2, sort_keys=True))
    elif command != "check":
        print("unknown command %r: use check, show or run-as" % command, file=sys.stderr)
        return 64
    return 0


if __name__ == "__main__":
    sys.exit(main())

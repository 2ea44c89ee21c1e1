"""Container-aware Gunicorn settings, resolved from the environment: the image's tuning.

One module, used three ways, so the numbers can never disagree:
  * the bundled /gunicorn_conf.py calls resolve() and hands the result to Gunicorn;
  * /start.sh runs `python -m startup_guards check`, which reports resolve()'s errors before the
    server starts, so a bad value stops the container with one clear line even when the app brings
    its own gunicorn_conf.py;
  * a user's own gunicorn_conf.py may `import autotune` and reuse resolve().

Everything here is a pure function of (environment, cgroup root, CPU affinity, worker catalogue), so
the tests can feed fake cgroup trees. The worker facts come from versions.json (worker_catalogue).
The checks that guard start-up (the app module, RUN_AS_USER, the port, Gunicorn's version) are in
startup_guards. Keep it importable on every supported Python (3.8+): no match statements, no
`X | Y` annotations.
"""

import importlib.util
import json
import math
import os
import sys

import worker_catalogue

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

LOG_LEVELS = ("debug", "info", "warning", "error", "critical")


class ConfigError(Exception):
    """One or more environment values are unusable; each message is one self-contained line."""

    def __init__(self, messages):
        super().__init__("\n".join(messages))
        self.messages = list(messages)


def bad_value(name, value, accepted, reason=None):
    """The one line for a bad value: the variable, the value received, why (if not obvious), what works."""
    why = reason + "; " if reason else ""
    return "Invalid %s=%r: %sexpected %s." % (name, value, why, accepted)


# --- CPU detection --------------------------------------------------------------------------------


def read_file(path):
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
        fields = (read_file(v2) or "").split()
        if len(fields) == 2 and fields[0] != "max":
            return _quota_cores(fields[0], fields[1]), "cgroup v2"
        return None, "cgroup v2"
    for controller in ("cpu", "cpu,cpuacct", "cpuacct,cpu"):
        quota = os.path.join(root, controller, "cpu.cfs_quota_us")
        if os.path.exists(quota):
            period = os.path.join(root, controller, "cpu.cfs_period_us")
            return _quota_cores(read_file(quota), read_file(period)), "cgroup v1"
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


def value_of(env, name):
    """The variable's value stripped, or None when unset or empty."""
    value = env.get(name)
    if value is None or not value.strip():
        return None
    return value.strip()


def _int(env, name, errors, minimum, accepted):
    raw = value_of(env, name)
    if raw is None:
        return None
    try:
        value = int(raw)
    except ValueError:
        value = None
    if value is None or value < minimum:
        errors.append(bad_value(name, env[name], accepted))
        return None
    return value


def _positive_float(env, name, errors, accepted):
    raw = value_of(env, name)
    if raw is None:
        return None
    try:
        value = float(raw)
    except ValueError:
        value = None
    if value is None or not math.isfinite(value) or value <= 0:
        errors.append(bad_value(name, env[name], accepted))
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
    bind = value_of(env, "BIND")
    if bind is not None:
        if bind.startswith(("unix:", "fd://")):
            return bind
        host, sep, port = bind.rpartition(":")
        if sep and host and _port(port) is not None:
            return bind
        errors.append(bad_value("BIND", env["BIND"], "HOST:PORT with a port from 1 to 65535 "
                                                 "(e.g. 0.0.0.0:8080 or [::]:8080), or unix:/path/to.sock"))
        return None
    host = value_of(env, "HOST") or DEFAULTS["HOST"]
    port = value_of(env, "PORT")
    if port is None:
        port = DEFAULTS["PORT"]
    elif _port(port) is None:
        errors.append(bad_value("PORT", env["PORT"], "a whole number from 1 to 65535 (e.g. 80 or 8080)"))
        return None
    if ":" in host and not host.startswith("["):
        host = "[%s]" % host  # IPv6 literal
    return "%s:%s" % (host, int(port))


def choose_worker(env, errors, is_installed, workers):
    """(short name, Gunicorn worker_class) for WORKER_CLASS, looked up in the worker catalogue
    `workers`; a bad value appends its line to `errors` and gives (None, None)."""
    raw = value_of(env, "WORKER_CLASS") or DEFAULTS["WORKER_CLASS"]
    name = raw.lower()
    if name not in workers:
        if "." in raw or raw.startswith("egg:"):
            return raw, raw  # a custom worker class path: Gunicorn loads and checks it
        errors.append(bad_value("WORKER_CLASS", env.get("WORKER_CLASS"),
                                "one of %s, or a dotted path to a Gunicorn worker class" % ", ".join(workers)))
        return None, None
    module = workers[name]["module"]
    if module is not None and not is_installed(module):
        built_in = " or ".join(other for other, entry in workers.items() if entry["module"] is None)
        errors.append(bad_value("WORKER_CLASS", env.get("WORKER_CLASS"), built_in,
                                "%s is not installed in this image (build it with --build-arg WORKER=%s)" % (module, name)))
        return None, None
    return name, workers[name]["gunicornClass"]


def module_installed(module):
    return importlib.util.find_spec(module) is not None


def _log_target(env, name):
    """Unset -> the default stream ("-"); set but empty -> disabled (None); else a path."""
    if name not in env:
        return DEFAULTS[name]
    value = env[name].strip()
    return value or None


def resolve(env=None, cgroup_root=CGROUP_ROOT, affinity=None, python_version=None, is_installed=None, workers=None):
    """Every setting the image derives from the environment, or ConfigError listing each bad value.
    `workers` is the worker catalogue; by default the image's copy of versions.json is read."""
    env = os.environ if env is None else env
    python_version = sys.version_info if python_version is None else python_version
    is_installed = module_installed if is_installed is None else is_installed
    workers = worker_catalogue.load() if workers is None else workers
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
    log_level = (value_of(env, "LOG_LEVEL") or DEFAULTS["LOG_LEVEL"]).lower()
    if log_level not in LOG_LEVELS:
        errors.append(bad_value("LOG_LEVEL", env.get("LOG_LEVEL"), "one of " + ", ".join(LOG_LEVELS)))
    worker, worker_class = choose_worker(env, errors, is_installed, workers)
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
    if value_of(env, "GUNICORN_CMD_ARGS"):
        line += " (GUNICORN_CMD_ARGS=%r overrides these)" % env["GUNICORN_CMD_ARGS"]
    return line



def main(argv=None):
    """`python -m autotune` (or `show`) prints the resolved settings as JSON, or exits 2 with one line
    per bad value. Options for tests: --cgroup-root DIR, --affinity N, --versions-json FILE.
    The start-up checks are `python -m startup_guards check`."""
    args = list(sys.argv[1:] if argv is None else argv)
    command = args.pop(0) if args and not args[0].startswith("--") else "show"
    if command != "show":
        print("unknown command %r: use show (the start-up checks are python -m startup_guards check)" % command,
              file=sys.stderr)
        return 64
    opts = {"--cgroup-root": CGROUP_ROOT, "--affinity": None, "--versions-json": worker_catalogue.VERSIONS_JSON}
    while args:
        key = args.pop(0)
        if key not in opts or not args:
            print("usage: python -m autotune [show] [--cgroup-root DIR] [--affinity N] [--versions-json FILE]",
                  file=sys.stderr)
            return 64
        opts[key] = args.pop(0)
    affinity = None if opts["--affinity"] is None else int(opts["--affinity"])
    try:
        settings = resolve(os.environ, opts["--cgroup-root"], affinity,
                           workers=worker_catalogue.load(opts["--versions-json"]))
    except ConfigError as e:
        for line in e.messages:
            print("ERROR: " + line, file=sys.stderr)
        return 2
    print(json.dumps(settings, indent=2, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())

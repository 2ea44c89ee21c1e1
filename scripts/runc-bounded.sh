#!/usr/bin/env bash
# runc for an engine whose own capability bounding set is short of the kernel's full list, as in a
# sandbox that drops one (CAP_SYS_RESOURCE on these machines). A privileged container (the BuildKit
# container buildx's docker-container driver starts is one) asks for every capability the engine
# knows, and runc then fails with "unable to apply caps: operation not permitted". This runtime takes
# the capabilities the bounding set lacks out of the container's spec (`create`/`run`: the bundle's
# config.json; `exec`: the --process file), then runs the real runc with the same arguments. Where the
# bounding set is full it changes nothing.
#
# Used as the engine's default runtime by the test bed:
#   dockerd --add-runtime bounded=/path/to/runc-bounded.sh --default-runtime bounded ...
set -euo pipefail

# Debian's runc, the one the engine would run without this wrapper.
REAL_RUNC=/usr/sbin/runc

specs=()
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[i]}" in
    --bundle | -b) specs+=("${args[i + 1]:-}/config.json") ;;
    --bundle=*) specs+=("${args[i]#--bundle=}/config.json") ;;
    --process | -p) specs+=("${args[i + 1]:-}") ;;
    --process=*) specs+=("${args[i]#--process=}") ;;
  esac
done

if [ ${#specs[@]} -gt 0 ]; then
  python3 - "${specs[@]}" <<'EOF'
import json, os, sys

# Capability numbers (linux/capability.h), to test each name against the bounding set's bits.
NAMES = """CHOWN DAC_OVERRIDE DAC_READ_SEARCH FOWNER FSETID KILL SETGID SETUID SETPCAP LINUX_IMMUTABLE
NET_BIND_SERVICE NET_BROADCAST NET_ADMIN NET_RAW IPC_LOCK IPC_OWNER SYS_MODULE SYS_RAWIO SYS_CHROOT
SYS_PTRACE SYS_PACCT SYS_ADMIN SYS_BOOT SYS_NICE SYS_RESOURCE SYS_TIME SYS_TTY_CONFIG MKNOD LEASE
AUDIT_WRITE AUDIT_CONTROL SETFCAP MAC_OVERRIDE MAC_ADMIN SYSLOG WAKE_ALARM BLOCK_SUSPEND AUDIT_READ
PERFMON BPF CHECKPOINT_RESTORE""".split()
with open("/proc/self/status") as status:
    bounding = int(next(line for line in status if line.startswith("CapBnd:")).split()[1], 16)
missing = {"CAP_" + name for number, name in enumerate(NAMES) if not bounding >> number & 1}

for path in sys.argv[1:]:
    if not missing or not os.path.isfile(path):
        continue
    with open(path) as file:
        spec = json.load(file)
    # config.json holds the process under "process"; an exec's --process file is the process itself.
    process = spec.get("process", spec)
    caps = process.get("capabilities") or {}
    changed = False
    for kind, names in caps.items():
        kept = [name for name in names or [] if name not in missing]
        if names and len(kept) != len(names):
            caps[kind] = kept
            changed = True
    if changed:
        with open(path + ".tmp", "w") as file:
            json.dump(spec, file)
        os.replace(path + ".tmp", path)
EOF
fi

exec "$REAL_RUNC" "$@"

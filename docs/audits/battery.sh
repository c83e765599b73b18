#!/bin/bash
# battery.sh SRC OUT LOG : the audit battery (audit 21 seeds 1-3, audit 20 seed 201,
# audit 19 seed 191, audit 22 seed 1, `dgate evaluate` seed 11 at 200K x 20K) run on the
# dgate in SRC (a `src` folder: `git archive HEAD src | tar -x -C SNAP` gives a fixed
# snapshot), its work in OUT, the headline figures appended to LOG. 15-35 minutes on
# 2 cores. Session 29 ran it on c757e00 and 64ab176 (the figures are in its note).
# `python compare.py OLD NEW` then lists every decision that differs between two runs.
set -u
S=$(cd "$1" && pwd); W=$2; LOG=$3; A=$(cd "$(dirname "$0")" && pwd)
rm -rf "$W"; mkdir -p "$W"; cp -r "$A" "$W/aud"
export PYTHONPATH=$S DGATE_SRC=$S
echo "== $S start $(date +%T)" >> "$LOG"
for s in 1 2 3; do (cd "$W/aud/audit21" && python gen.py $s "$W/a21s$s" >/dev/null 2>&1 && python run.py "$W/a21s$s" > /dev/null 2>&1 && python score.py "$W/a21s$s" > "$W/a21s$s.score" 2>&1; echo "a21 s$s $(date +%T)"; grep -i -E "recall|review|wrongful|hard" "$W/a21s$s.score" | head -8) >> "$LOG"; done
(cd "$W/aud/audit20" && python gen.py 201 "$W/a20" >/dev/null 2>&1 && python run.py "$W/a20" >/dev/null 2>&1 && python score.py "$W/a20" >/dev/null 2>&1; echo "a20 201 $(date +%T)"; python -c "import json;d=json.load(open('$W/a20/score.json'));print({k: d[k] for k in ('due', 'recall_auto', 'due_review_pct', 'wrongful_total')})") >> "$LOG" 2>&1
(cd "$W/aud/audit19" && python gen.py 191 "$W/a19" >/dev/null 2>&1 && python run.py "$W/a19" >/dev/null 2>&1 && python score.py "$W/a19" > "$W/a19.score" 2>&1; echo "a19 191 $(date +%T)"; cat "$W/a19/figures.json"; echo) >> "$LOG" 2>&1
(cd "$W/aud/audit22" && python gen.py 1 "$W/a22" >/dev/null 2>&1 && python run.py "$W/a22" >/dev/null 2>&1 && python score.py "$W/a22" >/dev/null 2>&1; echo "a22 s1 $(date +%T)"; head -12 "$W/a22/score.txt") >> "$LOG" 2>&1
(python -m dgate synth "$W/ev" --taxpayers 200000 --requests 20000 --seed 11 --home "$W/evh" >/dev/null 2>&1 && python -m dgate evaluate "$W/ev" --home "$W/evh2" > "$W/ev.out" 2>&1; echo "eval 11 $(date +%T)"; grep -i -E "precision|recall|wrongful|review" "$W/ev.out" | head -4) >> "$LOG" 2>&1
echo "== end $(date +%T)" >> "$LOG"

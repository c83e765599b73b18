#!/bin/sh
# rerun everything: sh all.sh
cd "$(dirname "$0")"
for s in 191 192 193; do
  python gen.py $s s$s && python run.py s$s > /dev/null && python score.py s$s > /dev/null && echo "$(date +%H:%M) seed $s run+scored: $(cat s$s/figures.json)" >> PROGRESS.md
done

#!/bin/sh
# rerun everything: sh all.sh   (seeds 201-203: generate, run the CLI flow, score, aggregate)
cd "$(dirname "$0")"
for s in 201 202 203; do
  python gen.py $s seed$s > /dev/null && python run.py seed$s > /dev/null \
    && python score.py seed$s > /dev/null \
    && echo "$(date +%H:%M) seed $s: $(python -c "import json;d=json.load(open('seed$s/score.json'));print({k: d[k] for k in ('due', 'recall_auto', 'due_review_pct', 'wrongful_total')})")" >> PROGRESS.md
done

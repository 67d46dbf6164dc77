#!/usr/bin/env python3
"""How much a sequential gate saved in a self-improve-addition run (`orchestrator show RUN --json`, a file or stdin):
the answers its gates generated, against what one look at every item would have needed for the same lengths and
decisions: the candidate on every length it scored, the champion on the targets, the re-check when the paired test
passed.

    orchestrator show RUN --json > run.json && tools/gate-answers.py run.json [ITEMS]
"""
import json
import sys

run = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
items = int(sys.argv[2]) if len(sys.argv) > 2 else 256
steps = {s['key']: s for s in run['steps']}
gates, looked, once = 0, 0, 0
while (gate := (steps.get(f'round/{gates}/gate') or {}).get('output')) is not None:
    targets = len(steps[f'round/{gates}/propose']['output']['lengths'])
    rechecked = gate['outcome'] in ('passed', 'recheck-failed')
    once += items * (len(gate['candidateItemsByLength']) + targets + (2 * targets if rechecked else 0))
    looked += gate['answers']
    gates += 1
print(f"{gates} gates: {looked} answers, against {once} with one look at {items} items ({looked / max(once, 1):.2f})")

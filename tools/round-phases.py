#!/usr/bin/env python3
"""The rounds of a self-improve-addition run, read from `orchestrator show RUN --json` (a file or stdin): minutes from
the run's start to the end of each round (round 0 included), the frontier after it, the gate's outcome, the lengths
proposed, the seconds of propose, train and gate, and the gate's answers; then the frontier at 5-minute marks.

    orchestrator show RUN --json > run.json && tools/round-phases.py run.json
"""
import json
import sys
from datetime import datetime

run = json.load(open(sys.argv[1]) if len(sys.argv) > 1 else sys.stdin)
start = datetime.fromisoformat(run['createdAt'])
steps = {s['key']: s for s in run['steps']}


def minutes(timestamp):
    return (datetime.fromisoformat(timestamp) - start).total_seconds() / 60


base = steps['base']
points = [(minutes(steps['start']['endedAt']), steps['measure']['output']['frontier'])]
print(f"round   0  {points[0][0]:5.1f} min  frontier {points[0][1]:3d}  (round 0: {base['output']['seconds']:.0f} s)")
refused = 0
totals = {phase: [0.0, 0.0, 0.0] for phase in ('propose', 'train', 'gate')}  # seconds, GFLOP, CPU seconds
n = 0
while f'round/{n}/advance' in steps:
    gate = steps[f'round/{n}/gate']['output']
    propose = steps[f'round/{n}/propose']['output']
    train = steps[f'round/{n}/train']['output']
    ended = minutes(steps[f'round/{n}/advance']['endedAt'])
    points.append((ended, gate['frontier']))
    refused += gate['outcome'] == 'regressed'
    for phase, output in (('propose', propose), ('train', train), ('gate', gate)):
        totals[phase][0] += output['seconds']
        totals[phase][1] += output.get('gflop', 0)
        totals[phase][2] += output.get('cpuSeconds', 0)
    print(f"round {n + 1:3d}  {ended:5.1f} min  frontier {gate['frontier']:3d}  {gate['outcome']:14s} "
          f"lengths {','.join(map(str, propose['lengths'])):9s} propose {propose['seconds']:5.1f}  "
          f"train {train['seconds']:5.1f}  gate {gate['seconds']:5.1f}  answers {gate.get('answers', '')}")
    n += 1
marks = [m for m in range(5, int(points[-1][0]) + 1, 5)]
print('frontier at ' + ' / '.join(str(max(f for t, f in points if t <= m)) for m in marks) + f" ({' / '.join(map(str, marks))} min)")
print(f"{n} rounds, {refused} refused for a regression, final frontier {points[-1][1]} at {points[-1][0]:.1f} min")
for phase, (seconds, gflop, cpu) in totals.items():
    print(f"{phase:8s} {seconds / 60:5.1f} min  {gflop:9.0f} GFLOP  {cpu / 60:5.1f} CPU-min  over the rounds")

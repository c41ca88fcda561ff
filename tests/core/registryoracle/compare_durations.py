#!/usr/bin/env python3
"""Feeds the same random and structured inputs to durationoracle (Go's time package) and
durationdump (hookscope) and reports any difference in values, formatting or error messages.
Usage: compare_durations.py ORACLE DUMP"""
import random
import subprocess
import sys


def inputs(seed=7):
    rng = random.Random(seed)
    alphabet = list('0123456789.+-"\\\t') + ['ns', 'us', '\u00b5s', '\u03bcs', 'ms', 's', 'm', 'h',
                                             'd', ' ', 'e', 'x', '\u00e9']
    units = ['ns', 'us', '\u00b5s', '\u03bcs', 'ms', 's', 'm', 'h']
    lines = ['P ' + ''.join(rng.choice(alphabet) for _ in range(rng.randint(0, 7)))
             for _ in range(60000)]
    for _ in range(60000):
        parts = []
        for _ in range(rng.randint(1, 4)):
            number = str(rng.randint(0, 10 ** rng.randint(0, 20)))
            if rng.random() < 0.5:
                number += '.' + str(rng.randint(0, 10 ** rng.randint(0, 22)))
            if rng.random() < 0.1:
                number = '.' + number.split('.')[-1]
            parts.append(number + rng.choice(units))
        sign = '-' if rng.random() < 0.3 else '+' if rng.random() < 0.1 else ''
        lines.append('P ' + sign + ''.join(parts))
    for _ in range(60000):
        r = rng.random()
        if r < 0.3:
            value = rng.randint(-2 ** 63, 2 ** 63 - 1)
        elif r < 0.6:
            value = rng.randint(-10 ** rng.randint(0, 12), 10 ** rng.randint(0, 12))
        else:
            value = rng.choice([0, 1, 999, 1000, 999999, 10 ** 6, 10 ** 9, 60 * 10 ** 9,
                                3600 * 10 ** 9, 2 ** 63 - 1, -2 ** 63]) + rng.randint(-3, 3)
        lines.append('F ' + str(max(-2 ** 63, min(2 ** 63 - 1, value))))
    return lines


def main():
    oracle, dump = sys.argv[1:3]
    lines = inputs()
    data = '\n'.join(lines) + '\n'
    go = subprocess.run([oracle], input=data, capture_output=True, text=True, check=True).stdout
    ours = subprocess.run([dump], input=data, capture_output=True, text=True, check=True).stdout
    differences = [(l, a, b) for l, a, b in zip(lines, go.split('\n'), ours.split('\n')) if a != b]
    for line, a, b in differences[:20]:
        print(f'DIFF {line!r}\n  go:        {a}\n  hookscope: {b}')
    print(f'{len(lines)} duration inputs: {len(differences)} differences')
    return 1 if differences else 0


if __name__ == '__main__':
    sys.exit(main())

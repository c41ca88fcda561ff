#!/usr/bin/env python3
"""Differential check: hookscope's config loader against registry 2.8.2's own parser.

Writes a few hundred small config files (every scalar spelling of every notifications field,
duplicate keys, merges, anchors, environment overrides, ...), reads each with oracle.go (the real
configuration.Parse) and with hookscopedump, and prints every case where they disagree.
Usage: compare.py ORACLE DUMP WORKDIR
"""
import json
import os
import subprocess
import sys

HEAD = "version: 0.1\nstorage: {inmemory: {}}\n"  # the registry's parser needs these two
ENDPOINT = "notifications:\n  endpoints:\n    - name: a\n      url: http://h/e\n"

# Differences hookscope makes on purpose (it refuses what the registry would fail on forever,
# and its threshold is an int). Reported separately, not as failures.
EXPECTED = {"endpoint-null-item", "headers-null-key", "threshold-16", "threshold-23"}


def cases():
    c = {}
    durations = ['1s', '500ms', '500', '0', '-1', '-1s', '1.5', '"1s"', "'1s'", '"500"', '1e9',
                 '0x10', '1_000', '1h2m', '1.5h', '.5s', '1d', '""', '~', 'yes', '[1s]', '{a: 1}',
                 '9223372036854775807', '9223372036854775808', '1\u00b5s', '1\u03bcs', '1us',
                 '010', '+5s', '-0', '1 s', '"0"', '0.0', '.inf', '-.inf', '.nan', '0b11', '0o17',
                 '1e400', '!!str 5', '!!int "7"', '"1.5s"', '"+1s"', '1h-2m', '00',
                 '-9223372036854775808', '18446744073709551615', '1__0', '1,5s', '1.0e3', '+.inf',
                 '1:30']
    for field in ('timeout', 'backoff'):
        for i, v in enumerate(durations):
            c[f'{field}-{i}'] = ENDPOINT + f'      {field}: {v}\n'
    thresholds = ['3', '0', '-1', 'abc', '"3"', '2.9', '1e1', '0x10', '010', '0o10', '0b11', '1_0',
                  '+4', '~', 'yes', '[3]', '9999999999', '18446744073709551615',
                  '-9223372036854775808', '.5', '3.0', '1e20', '-2.5', '0x7fffffffffffffff',
                  '1:30', '!!str 3', '08', '0x', '-0x10', '-.inf', '!!int 4', '!!int abc']
    for i, v in enumerate(thresholds):
        c[f'threshold-{i}'] = ENDPOINT + f'      threshold: {v}\n'
    bools = ['true', 'false', 'yes', 'no', 'y', 'n', 'on', 'off', 'True', 'TRUE', '"true"', '1',
             '0', '~', 'maybe', '[true]', 'Y', 'N', 'ON', 'tRue', '!!bool "true"']
    for i, v in enumerate(bools):
        c[f'disabled-{i}'] = ENDPOINT + f'      disabled: {v}\n'
        c[f'incref-{i}'] = (f"notifications:\n  events:\n    includereferences: {v}\n"
                            "  endpoints:\n    - name: a\n      url: http://h/e\n")
    names = ['123', 'yes', '~', '""', '[a]', '{a: b}', '1.50', '0x1F', "'quoted'", '"a\\tb"',
             '2001-12-14', '.inf', '!!binary aGVsbG8=', '|\n        block\n', '!!null 5']
    for i, v in enumerate(names):
        c[f'name-{i}'] = f"notifications:\n  endpoints:\n    - url: http://h/e\n      name: {v}\n"
    headers = ['{A: [b]}', '{A: b}', '{A: ~}', '{A: []}', '{A: [1, yes, ~]}', '[a]', 'a', '~',
               '{A: [[x]]}', '{1: [x]}', '{A: [b], A: [c]}', '{A: [b], a: [c]}', '{A: {b: c}}',
               '{yes: [x]}']
    for i, v in enumerate(headers):
        c[f'headers-{i}'] = ENDPOINT + f'      headers: {v}\n'
    c['headers-null-key'] = ENDPOINT + '      headers: {~: [x]}\n'
    lists = ['[a]', 'a', '~', '[1, yes]', '[[a]]', '{}', '[]', '[~]', '[a, a]', '"a"']
    for i, v in enumerate(lists):
        c[f'ignoredmt-{i}'] = ENDPOINT + f'      ignoredmediatypes: {v}\n'
        c[f'ignact-{i}'] = ENDPOINT + f'      ignore:\n        actions: {v}\n'
        c[f'ignmt-{i}'] = ENDPOINT + f'      ignore: {{mediatypes: {v}}}\n'
    for i, v in enumerate(['{mediatypes: [a], actions: [pull]}', '[a]', 'a', '~', '{}',
                           '{MediaTypes: [a]}']):
        c[f'ignore-{i}'] = ENDPOINT + f'      ignore: {v}\n'
    c.update({
        'endpoints-map': "notifications:\n  endpoints:\n    name: a\n",
        'endpoints-scalar': "notifications:\n  endpoints: a\n",
        'endpoints-null': "notifications:\n  endpoints:\n",
        'endpoints-empty': "notifications:\n  endpoints: []\n",
        'notifications-null': "notifications:\n",
        'notifications-scalar': "notifications: 5\n",
        'events-list': "notifications:\n  events: [a]\n",
        'merge': "x: &d {timeout: 3s, threshold: 4}\nnotifications:\n  endpoints:\n"
                 "    - <<: *d\n      name: a\n      url: http://h/e\n      threshold: 9\n",
        'merge-list': "x: &d {timeout: 3s}\ny: &e {threshold: 4, timeout: 5s}\nnotifications:\n"
                      "  endpoints:\n    - <<: [*d, *e]\n      name: a\n      url: http://h/e\n",
        'merge-before': "x: &d {threshold: 4}\nnotifications:\n  endpoints:\n    - threshold: 9\n"
                        "      <<: *d\n      name: a\n      url: http://h/e\n",
        'duplicate-key': ENDPOINT + "      threshold: 3\n      threshold: 4\n",
        'duplicate-ignore': ENDPOINT + "      ignore: {actions: [pull], mediatypes: [a]}\n"
                                       "      ignore: {actions: [push]}\n",
        'duplicate-headers': ENDPOINT + "      headers: {A: [x]}\n      headers: {B: [y]}\n",
        'duplicate-notifications': "notifications:\n  events: {includereferences: true}\n"
                                   "notifications:\n  endpoints: [{name: a, url: \"http://h/e\"}]\n",
        'key-case': ENDPOINT + "      Timeout: 5s\n",
        'alias-scalar': "x: &t 7s\nnotifications:\n  endpoints:\n"
                        "    - {name: a, url: http://h/e, timeout: *t}\n",
        'anchored-endpoint': "notifications:\n  endpoints:\n"
                             "    - &e {name: a, url: \"http://h/e\", threshold: 2}\n    - *e\n",
        'quoted-key': ENDPOINT + '      "threshold": 5\n',
        'endpoint-null-item': "notifications:\n  endpoints:\n    -\n",
        'endpoint-scalar-item': "notifications:\n  endpoints:\n    - a\n",
        'tab-indent': "notifications:\n\tendpoints: []\n",
        'block-scalars': "notifications:\n  endpoints:\n    - name: a\n      url: >-\n"
                         "        http://h/a\n      headers:\n        X:\n          - |\n"
                         "            one\n          - 'it''s'\n          - \"tab\\there\"\n",
        'comments': "notifications:\n  endpoints:\n  - name: a   # c\n    url: http://h/a # c\n",
    })
    return {name: ({}, HEAD + text) for name, text in c.items()}


def environment_cases():
    base = HEAD + ("notifications:\n  events: {includereferences: true}\n  endpoints:\n"
                   "    - {name: file, url: \"http://h/file\", threshold: 3}\n")
    envs = [
        {'REGISTRY_NOTIFICATIONS_ENDPOINTS': '- name: env\n  url: http://h/env\n  timeout: 2s\n'},
        {'REGISTRY_NOTIFICATIONS_ENDPOINTS': '[]'},
        {'REGISTRY_NOTIFICATIONS_ENDPOINTS': ''},
        {'REGISTRY_NOTIFICATIONS_ENDPOINTS': 'name: x'},
        {'REGISTRY_NOTIFICATIONS_ENDPOINTS': '- {name: e, url: "http://h/e", threshold: abc}'},
        {'REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES': 'false'},
        {'REGISTRY_NOTIFICATIONS_EVENTCONFIG_INCLUDEREFERENCES': 'maybe'},
        {'REGISTRY_NOTIFICATIONS_EVENTS_INCLUDEREFERENCES': 'false'},
        {'REGISTRY_NOTIFICATIONS_EVENTCONFIG': '{}'},
        {'REGISTRY_NOTIFICATIONS': 'endpoints: [{name: n, url: "http://h/n"}]'},
        {'REGISTRY_NOTIFICATIONS': ''},
        {'REGISTRY_NOTIFICATIONS': 'endpoints: [{name: n, url: "http://h/n"}]',
         'REGISTRY_NOTIFICATIONS_ENDPOINTS': '- {name: m, url: "http://h/m"}'},
        {'REGISTRY_NOTIFICATIONS_ENDPOINTS': '- {name: m, url: "http://h/m"}',
         'REGISTRY_NOTIFICATIONS_EVENTCONFIG': '{includereferences: false}'},
    ]
    out = {f'env-{i}': (env, base) for i, env in enumerate(envs)}
    out['bom'] = ({}, "\ufeff" + HEAD + "notifications:\n  endpoints: [{name: a, url: \"http://h/a\"}]\n")
    out['crlf'] = ({}, (HEAD + ENDPOINT + "      timeout: 2s\n").replace("\n", "\r\n"))
    out['multi-document'] = ({}, "---\n" + HEAD + "notifications:\n  endpoints: "
                             "[{name: a, url: \"http://h/a\"}]\n---\nnotifications: {}\n")
    return out


def normalise(result):
    if 'error' in result:
        return 'ERROR'
    endpoints = []
    for e in result['endpoints']:
        e = dict(e)
        e['timeoutNs'], e['backoffNs'] = int(e['timeoutNs']), int(e['backoffNs'])
        # Go maps have no order; hookscope keeps file order. Compare as sets.
        e['headers'] = sorted((h['name'], tuple(h['values'] or [])) for h in e.get('headers') or [])
        for key in ('ignoredmediatypes', 'ignoreMediaTypes', 'ignoreActions'):
            e[key] = e.get(key) or []
        endpoints.append(e)
    return {'includereferences': result['includereferences'], 'endpoints': endpoints}


def run(program, path, env):
    full = dict(os.environ)
    full = {k: v for k, v in full.items() if not k.startswith('REGISTRY_')}
    full.update(env)
    return json.loads(subprocess.run([program, path], capture_output=True, text=True,
                                     env=full, check=True).stdout)


def main():
    oracle, dump, workdir = sys.argv[1:4]
    os.makedirs(workdir, exist_ok=True)
    all_cases = cases()
    all_cases.update(environment_cases())
    failures, expected = 0, 0
    for name in sorted(all_cases):
        env, text = all_cases[name]
        path = os.path.join(workdir, name + '.yml')
        with open(path, 'w', encoding='utf-8') as f:
            f.write(text)
        registry, hookscope = run(oracle, path, env), run(dump, path, env)
        if normalise(registry) == normalise(hookscope):
            continue
        tag = 'EXPECTED' if name in EXPECTED else 'MISMATCH'
        expected += name in EXPECTED
        failures += name not in EXPECTED
        print(f'{tag} {name} {env or ""}\n  registry:  {registry.get("error") or normalise(registry)}'
              f'\n  hookscope: {hookscope.get("error") or normalise(hookscope)}')
    print(f'{len(all_cases)} cases: {failures} unexpected differences, {expected} intended ones')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())

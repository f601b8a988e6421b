#!/usr/bin/env python3
"""Writes docs/json-format.md from docs/templates/json-format.md, filling in the example files and
the kanten program's real output, so the documented outputs never drift from the program.

usage: gen-docs.py KANTEN_BINARY [OUTPUT]
  OUTPUT defaults to docs/json-format.md; with --check, compares instead of writing and fails
  when the committed file is stale (the docs_json_format_up_to_date test).
"""
import json, os, re, subprocess, sys
K = os.path.abspath(sys.argv[1])
CHECK = len(sys.argv) > 2 and sys.argv[2] == '--check'
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
D = os.path.join(ROOT, 'examples', 'data')
t = open(os.path.join(ROOT, 'docs', 'templates', 'json-format.md'), encoding='utf-8').read()
def run(args, ok=True):
    r=subprocess.run([K]+args, cwd=D, capture_output=True, text=True, encoding='utf-8')
    if ok: assert r.returncode==0, r.stderr
    return r
t=re.sub(r'\{\{file:([^}]+)\}\}', lambda m: open(os.path.join(D,m.group(1))).read().rstrip('\n'), t)
t=re.sub(r'\{\{cmd:([^}]+)\}\}', lambda m: run(m.group(1).split()).stdout.rstrip('\n'), t)
ev=json.loads(run(['evaluate','bad-events.json','--as-of','2024-03-31']).stdout)
rows=['| index | reason | field | value | detail |','|---|---|---|---|---|']
for n in ev['not_applied']:
    d=n.get('detail','')
    if d.startswith('unknown event kind'): d='unknown event kind; expected one of: first_conversation, visitation, … (all 23 kinds)'
    rows.append('| %d | `%s` | %s | %s | %s |'%(n['index'],n['reason'],('`%s`'%n['field']) if 'field' in n else '', (('`%s`'%n['value']) if n['value'] else '`""` (absent)') if 'value' in n else '', d.replace('|','\\|') if d else n['text']))
t=t.replace('{{badtable}}','\n'.join(rows))
errs=[]
for args in [['evaluate','invalid/broken.json','--as-of','2024-01-31'],['evaluate','invalid/no-citizen.json','--as-of','2024-01-31'],['followups','invalid/bad-profile.json','--as-of','2024-01-31'],['sanction','invalid/sanction-unknown-failure.json'],['evaluate','no-such-case.json','--as-of','2024-01-31'],['evaluate','case.json','--as-of','2024-02-30'],['followups','caseload.json','--as-of','2024-03-15','--inactive-days','0']]:
    r=run(args, ok=False)
    errs.append('$ kanten '+' '.join(args)+'\n'+r.stderr.rstrip('\n')+'\n(exit code %d)'%r.returncode)
t=t.replace('{{errors}}','\n\n'.join(errs))
assert '{{' not in t
OUT = os.path.join(ROOT, 'docs', 'json-format.md')
if CHECK:
    if open(OUT, encoding='utf-8').read() != t:
        sys.exit('docs/json-format.md is stale: run scripts/gen-docs.py BUILD/kanten to regenerate it')
    print('docs/json-format.md is up to date')
else:
    open(sys.argv[2] if len(sys.argv) > 2 else OUT, 'w', encoding='utf-8').write(t)

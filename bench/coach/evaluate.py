"""Runs `qualify coach --format json` on each labelled statement and prints
the confusion table of every judgment. Usage: evaluate.py BINARY SET.jsonl [-v]"""
import collections
import json
import subprocess
import sys

binary = sys.argv[1]
path = sys.argv[2]
verbose = len(sys.argv) > 3
rows=[json.loads(l) for l in open(path) if l.strip()]
conf=collections.defaultdict(collections.Counter)
for r in rows:
    out=subprocess.run([binary,'coach','--field',r['field'],'--format','json',r['text']],capture_output=True,text=True)
    j=json.loads(out.stdout)
    def add(name,exp,got):
        conf[name][(exp,got)]+=1
        if verbose and exp!=got: print(f"MISS {name}: expected {exp} got {got}: {r['text']}  {[e['finding']+':'+e['words'] for e in j['evidence']]}")
    add('voice',r['voice'],j['voice'])
    if 'kind' in r: add('kind',r['kind'],j['kind'])
    if 'who' in r: add('who','yes' if r['who'] else 'no',j['impact']['who'])
    if 'howMuch' in r: add('howMuch','yes' if r['howMuch'] else 'no',j['impact']['howMuch'])
    if 'disguised' in r: add('disguised','yes' if r['disguised'] else 'no',j['reason']['capabilityInDisguise'])
    if 'buyerAction' in r: add('buyerAction','yes' if r['buyerAction'] else 'no',j['capability']['buyerAction'])
for name,c in conf.items():
    exps=sorted({e for e,g in c}); gots=sorted({g for e,g in c}|set(exps))
    print(f"\n{name}: rows expected, columns judged")
    print("%-10s"%""+"".join("%10s"%g for g in gots))
    for e in exps: print("%-10s"%e+"".join("%10d"%c[(e,g)] for g in gots))
    for cls in exps:
        tp=c[(cls,cls)]; fp=sum(v for (e,g),v in c.items() if g==cls and e!=cls); fn=sum(v for (e,g),v in c.items() if e==cls and g!=cls)
        p=tp/(tp+fp) if tp+fp else float('nan'); rc=tp/(tp+fn) if tp+fn else float('nan')
        print(f"  {cls}: precision {p:.2f} ({tp}/{tp+fp}), recall {rc:.2f} ({tp}/{tp+fn})")

#!/usr/bin/env python3
"""Per-function / per-crate code size from a wasm with a name section (no deps).
usage: wasmsizes.py file.wasm [topN]"""
import sys, re, collections
data = open(sys.argv[1], 'rb').read(); topn = int(sys.argv[2]) if len(sys.argv) > 2 else 30
def leb(b, p):
    r = s = 0
    while True:
        x = b[p]; p += 1; r |= (x & 0x7f) << s; s += 7
        if x < 0x80: return r, p
def name(b, p):
    n, p = leb(b, p); return b[p:p+n].decode('utf-8', 'replace'), p + n
raw_bodies = {}
p = 8; secs = []; nimports = 0; bodies = []; names = {}; exports = []
while p < len(data):
    sid = data[p]; sz, q = leb(data, p + 1); end = q + sz
    if sid == 0:
        nm, r = name(data, q); secs.append(('custom:' + nm, sz))
        if nm == 'name':
            while r < end:
                sub = data[r]; ssz, r2 = leb(data, r + 1)
                if sub == 1:
                    cnt, r3 = leb(data, r2)
                    for _ in range(cnt):
                        idx, r3 = leb(data, r3); fn, r3 = name(data, r3); names[idx] = fn
                r = r2 + ssz
    else:
        secs.append((sid, sz))
        if sid == 2:
            cnt, r = leb(data, q)
            for _ in range(cnt):
                _, r = name(data, r); _, r = name(data, r); k = data[r]; r += 1
                if k == 0: nimports += 1; _, r = leb(data, r)
                elif k == 1: r += 1; fl, r = leb(data, r); _, r = leb(data, r); r = leb(data, r)[1] if fl & 1 else r
                elif k == 2: fl, r = leb(data, r); _, r = leb(data, r); r = leb(data, r)[1] if fl & 1 else r
                elif k == 3: r += 2
        if sid == 7:
            cnt, r = leb(data, q)
            for _ in range(cnt):
                en, r = name(data, r); k = data[r]; idx, r = leb(data, r + 1); exports.append((en, k))
        if sid == 10:
            cnt, r = leb(data, q)
            for i in range(cnt):
                bs, r2 = leb(data, r); bodies.append((nimports + i, bs + (r2 - r))); raw_bodies[nimports + i] = data[r:r2 + bs]; r = r2 + bs
    p = end
SECN = {1:'type',2:'import',3:'function',4:'table',5:'memory',6:'global',7:'export',8:'start',9:'elem',10:'code',11:'data',12:'datacount'}
print('sections:', ', '.join(f'{SECN.get(s, s)}={z}' for s, z in secs))
print('exports:', exports, 'imports:', nimports)
def demangle(n):
    # legacy Rust mangling _ZN..E -> path
    if n.startswith('_ZN'):
        p = 3; parts = []
        while p < len(n) and n[p].isdigit():
            m = re.match(r'\d+', n[p:]); l = int(m.group()); p += len(m.group()); parts.append(n[p:p+l]); p += l
        if parts and re.fullmatch(r'h[0-9a-f]{16}', parts[-1]): parts.pop()
        s = '::'.join(parts)
        for a, b in [('$LT$','<'),('$GT$','>'),('$u20$',' '),('$RF$','&'),('$BP$','*'),('$C$',','),('..','::'),('$u7b$','{'),('$u7d$','}'),('$u5b$','['),('$u5d$',']'),('$u27$',"'"),('$u3b$',';')]:
            s = s.replace(a, b)
        return s
    return n
funcs = sorted(((sz, demangle(names.get(i, f'func[{i}]'))) for i, sz in bodies), reverse=True)
total = sum(s for s, _ in funcs)
print(f'code section function bodies: {len(funcs)} funcs, {total} bytes\n\nTop {topn}:')
for s, n in funcs[:topn]: print(f'{s:8d}  {n[:150]}')
def crate(n):
    if n.startswith('_R'):  # v0 mangling (std/core are prebuilt with it): first crate ident
        m = re.search(r'C(?:s[0-9A-Za-z]*_)?(\d+)', n)
        if m:
            l = int(m.group(1)); return n[m.end():m.end()+l]
        return '?'
    n = re.sub(r'^(_?<|&|mut |dyn |\*const |\*mut |\[|\()+', '', n)
    n = re.sub(r'^(_?<|&|mut |dyn |\*const |\*mut |\[|\()+', '', n)
    m = re.match(r'([A-Za-z_][A-Za-z0-9_]*|\$LP\$.*?\$RP\$) as ([A-Za-z_][A-Za-z0-9_]*)::', n)
    if m and '::' not in m.group(1): return m.group(2) + ' (blanket impl)'
    m = re.match(r'([A-Za-z_][A-Za-z0-9_]*)::', n)
    return m.group(1) if m else '(no crate: C/compiler_builtins/export: ' + n[:20] + ')' 
import zlib
agg = collections.Counter(); cnt = collections.Counter(); blob = collections.defaultdict(bytearray)
for i, sz in bodies:
    c = crate(demangle(names.get(i, f'func[{i}]'))); agg[c] += sz; cnt[c] += 1; blob[c] += raw_bodies[i]
print('\nPer crate: raw bytes, share, #fns, gzip-9 of that crate\'s bodies concatenated (standalone estimate)')
print('(crate = first path segment; <T as Trait>::f blanket impls -> Trait\'s crate; <Type as Trait>::f -> Type\'s crate)')
for c, s in agg.most_common(): print(f'{s:8d}  {s*100/total:5.1f}%  {cnt[c]:5d} fns  gz~{len(zlib.compress(bytes(blob[c]), 9)):7d}  {c}')
print(f'all code bodies gz~{len(zlib.compress(b"".join(raw_bodies.values()), 9))}')

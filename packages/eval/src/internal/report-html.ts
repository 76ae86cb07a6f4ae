import type { Comparison } from './compare.js';
import { fullOf } from './results-log.js';
import type { EvalResults, TestResult } from './types.js';

/** JSON safe inside a <script> element: no `</script>`, no `<!--`, no line separators. */
function embed(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

function histogram(values: number[], bins = 10): number[] {
  const counts = new Array<number>(bins).fill(0);
  for (const v of values) {
    const i = Math.min(bins - 1, Math.max(0, Math.floor(v * bins)));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return counts;
}

/**
 * One self-contained HTML file (no network): verdict, metrics, score distributions as SVG charts,
 * and a sortable, filterable table of tests; a row opens base and head outputs side by side with
 * the differing words marked. Model text is only ever set through textContent.
 */
export function renderHtml(head: EvalResults, comparison?: Comparison, base?: EvalResults): string {
  return [...htmlChunks(head, comparison, base)].join('');
}

/** The same file piece by piece, one test row at a time, so a 20,000-test report streams to disk. */
export function* htmlChunks(head: EvalResults, comparison?: Comparison, base?: EvalResults): Generator<string> {
  const baseById = new Map((base?.tests ?? []).map((t) => [`${t.id}\u0000${t.provider}`, t]));
  const changeById = new Map((comparison?.tests ?? []).map((t) => [t.id, t.change]));
  const row = (compact: TestResult) => {
    // Full outputs and messages: read back from the run's log when the result is held compact.
    const t = fullOf(compact);
    const found = baseById.get(`${t.id}\u0000${t.provider}`) ?? (base && base.providers.length === 1 ? base.tests.find((x) => x.id === t.id) : undefined);
    const b = found ? fullOf(found) : undefined;
    return {
      id: t.id,
      description: t.description,
      provider: t.provider,
      status: t.status,
      change: changeById.get(t.id) ?? '',
      score: t.score,
      baseScore: b?.score ?? null,
      latency: t.samples[0]?.latencyMs ?? 0,
      tags: t.tags,
      head: t.samples[0]?.output ?? '',
      base: b?.samples[0]?.output ?? '',
      failures: t.samples.flatMap((s) => s.assertions.filter((a) => !a.pass).map((a) => `${a.type}: ${a.message}`)).slice(0, 10),
    };
  };
  const data = {
    suite: head.suite.file,
    verdict: comparison?.verdict ?? (head.totals.failed + head.totals.errors === 0 ? 'pass' : 'fail'),
    reasons: comparison?.reasons ?? [],
    warnings: comparison?.warnings ?? [],
    metrics: comparison?.metrics ?? [],
    totals: head.totals,
    histHead: histogram(head.tests.filter((t) => t.status !== 'skipped').map((t) => t.score)),
    histBase: base ? histogram(base.tests.filter((t) => t.status !== 'skipped').map((t) => t.score)) : null,
  };
  const [before, after] = PAGE.split(DATA_SLOT) as [string, string];
  // The data object with its rows spliced in one by one; each piece is escaped for <script> alike.
  yield `${before}${embed(data).slice(0, -1)},"rows":[`;
  for (const [i, t] of head.tests.entries()) yield `${i > 0 ? ',' : ''}${embed(row(t))}`;
  yield `]}${after}`;
}

const DATA_SLOT = '\u0000data\u0000';
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>Slipway eval report</title>
<style>
body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1f2328}
h1{font-size:20px}.pass{color:#1a7f37}.fail{color:#cf222e}
table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #d0d7de;padding:4px 8px;text-align:left;vertical-align:top}
th{cursor:pointer;background:#f6f8fa;user-select:none}th[data-dir="asc"]::after{content:" ▲"}th[data-dir="desc"]::after{content:" ▼"}
.side{display:grid;grid-template-columns:1fr 1fr;gap:12px}.side pre{white-space:pre-wrap;background:#f6f8fa;padding:8px;margin:0}
del{background:#ffebe9;text-decoration:line-through}ins{background:#dafbe1;text-decoration:none}
.charts{display:flex;gap:24px}.bar-h{fill:#0969da}.bar-b{fill:#8c959f}
#filters{margin:12px 0;display:flex;gap:8px}
</style></head><body>
<h1 id="title"></h1><ul id="reasons"></ul><ul id="warnings"></ul>
<table id="metrics"><thead><tr><th>metric</th><th>base</th><th>head</th><th>change</th><th>95% CI</th><th>p</th></tr></thead><tbody></tbody></table>
<h2>Score distribution</h2><div class="charts" id="charts"></div>
<h2>Tests</h2>
<div id="filters"><input id="q" placeholder="filter by id, description, output" size="40">
<select id="status"><option value="">any status</option><option>pass</option><option>fail</option><option>error</option><option>skipped</option></select>
<select id="change"><option value="">any change</option><option>newly-failing</option><option>newly-passing</option><option>flaky</option><option>unchanged</option><option>new</option></select>
<span id="count"></span></div>
<table id="tests"><thead><tr><th data-key="id">id</th><th data-key="provider">provider</th><th data-key="status">status</th><th data-key="change">change</th><th data-key="baseScore">base</th><th data-key="score">head</th><th data-key="latency">latency ms</th></tr></thead><tbody></tbody></table>
<script type="application/json" id="data">${DATA_SLOT}</script>
<script>
(function(){
var D=JSON.parse(document.getElementById('data').textContent);
function el(tag,text,cls){var e=document.createElement(tag);if(text!=null)e.textContent=String(text);if(cls)e.className=cls;return e;}
function f(x){return x==null?'':(Math.round(x*1000)/1000).toString();}
var t=document.getElementById('title');t.textContent='Eval '+(D.verdict==='pass'?'passed':'failed')+': '+D.suite;t.className=D.verdict;
D.reasons.forEach(function(r){document.getElementById('reasons').appendChild(el('li',r,'fail'));});
D.warnings.forEach(function(w){document.getElementById('warnings').appendChild(el('li','⚠ '+w));});
var mb=document.querySelector('#metrics tbody');
D.metrics.forEach(function(m){var tr=document.createElement('tr');[m.name,f(m.base),f(m.head),f(m.diff),'['+f(m.ci[0])+', '+f(m.ci[1])+']',m.p<0.001?'<0.001':f(m.p)].forEach(function(c){tr.appendChild(el('td',c));});if(m.regression)tr.className='fail';mb.appendChild(tr);});
function chart(title,counts,cls){var max=Math.max.apply(null,counts.concat([1]));var ns='http://www.w3.org/2000/svg';var svg=document.createElementNS(ns,'svg');svg.setAttribute('width','260');svg.setAttribute('height','140');svg.setAttribute('role','img');svg.setAttribute('aria-label',title);
counts.forEach(function(c,i){var r=document.createElementNS(ns,'rect');var h=Math.round(c/max*110);r.setAttribute('x',String(i*26));r.setAttribute('y',String(120-h));r.setAttribute('width','22');r.setAttribute('height',String(h));r.setAttribute('class',cls);var tt=document.createElementNS(ns,'title');tt.textContent=(i/10)+'–'+((i+1)/10)+': '+c;r.appendChild(tt);svg.appendChild(r);});
var fig=el('figure');fig.appendChild(svg);fig.appendChild(el('figcaption',title));document.getElementById('charts').appendChild(fig);}
chart('head scores',D.histHead,'bar-h');if(D.histBase)chart('base scores',D.histBase,'bar-b');
function diff(a,b){var x=a.split(/(\\s+)/),y=b.split(/(\\s+)/);if(x.length*y.length>250000)return null;var n=x.length,m=y.length,dp=new Int32Array((n+1)*(m+1));
for(var i=n-1;i>=0;i--)for(var j=m-1;j>=0;j--)dp[i*(m+1)+j]=x[i]===y[j]?dp[(i+1)*(m+1)+j+1]+1:Math.max(dp[(i+1)*(m+1)+j],dp[i*(m+1)+j+1]);
var L=[],R=[];i=0;j=0;while(i<n||j<m){if(i<n&&j<m&&x[i]===y[j]){L.push([0,x[i]]);R.push([0,y[j]]);i++;j++;}else if(j<m&&(i>=n||dp[i*(m+1)+j+1]>=dp[(i+1)*(m+1)+j])){R.push([1,y[j++]]);}else{L.push([1,x[i++]]);}}return[L,R];}
function pre(parts,tag){var p=el('pre');parts.forEach(function(s){p.appendChild(s[0]&&/\\S/.test(s[1])?el(tag,s[1]):document.createTextNode(s[1]));});return p;}
var tb=document.querySelector('#tests tbody');var sortKey='id',dir=1;
function render(){var q=document.getElementById('q').value.toLowerCase(),st=document.getElementById('status').value,ch=document.getElementById('change').value;
var rows=D.rows.filter(function(r){return(!st||r.status===st)&&(!ch||r.change===ch)&&(!q||(r.id+' '+r.description+' '+r.head).toLowerCase().indexOf(q)>=0);});
rows.sort(function(a,b){var x=a[sortKey],y=b[sortKey];if(x==null)return 1;if(y==null)return -1;return(x<y?-1:x>y?1:0)*dir;});
tb.textContent='';rows.forEach(function(r){var tr=document.createElement('tr');tr.className='row '+r.status;tr.dataset.id=r.id;[r.id,r.provider,r.status,r.change,f(r.baseScore),f(r.score),Math.round(r.latency)].forEach(function(c){tr.appendChild(el('td',c));});
tr.addEventListener('click',function(){var nx=tr.nextSibling;if(nx&&nx.className==='detail'){nx.remove();return;}var d=document.createElement('tr');d.className='detail';var td=document.createElement('td');td.colSpan=7;
td.appendChild(el('div',r.description));var side=el('div',null,'side');var dd=diff(r.base,r.head);
var bl=el('div');bl.appendChild(el('strong','base'));bl.appendChild(dd?pre(dd[0],'del'):el('pre',r.base));var hl=el('div');hl.appendChild(el('strong','head'));hl.appendChild(dd?pre(dd[1],'ins'):el('pre',r.head));
side.appendChild(bl);side.appendChild(hl);td.appendChild(side);var ul=el('ul');r.failures.forEach(function(x){ul.appendChild(el('li',x));});td.appendChild(ul);d.appendChild(td);tr.after(d);});tb.appendChild(tr);});
document.getElementById('count').textContent=rows.length+' of '+D.rows.length;}
document.querySelectorAll('#tests th').forEach(function(th){th.addEventListener('click',function(){var k=th.dataset.key;dir=sortKey===k?-dir:1;sortKey=k;document.querySelectorAll('#tests th').forEach(function(o){o.removeAttribute('data-dir');});th.dataset.dir=dir>0?'asc':'desc';render();});});
['q','status','change'].forEach(function(id){document.getElementById(id).addEventListener('input',render);});render();
})();
</script></body></html>
`;
